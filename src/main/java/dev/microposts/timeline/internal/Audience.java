package dev.microposts.timeline.internal;

/**
 * Which of the followers of the person a post comes through take it into their home timelines. A reply to someone
 * else ({@code replyTo}, that post's author) reaches only the followers who follow that person too, or are that
 * person: Mastodon's rule, so a conversation among strangers stays out of a timeline. A repost ({@code repostOf}, the
 * reposted post's author) reaches every follower of the reposter but that author and those who have the post already,
 * at {@code position}, where a post written at the time of the repost would be.
 */
record Audience(Long replyTo, Long repostOf, Long position) {

    static final Audience EVERYONE = new Audience(null, null, null);

    /** For a published post: its audience under the reply rule (a reply to oneself is not a reply to someone else). */
    static Audience ofPost(long authorId, Long inReplyToAuthorId) {
        return inReplyToAuthorId == null || inReplyToAuthorId == authorId
                ? EVERYONE
                : new Audience(inReplyToAuthorId, null, null);
    }

    static Audience ofRepost(long postAuthorId, long position) {
        return new Audience(null, postAuthorId, position);
    }

    boolean repost() {
        return repostOf != null;
    }

    /** What the task payload adds for this audience: nothing for everyone, so older handlers read it unchanged. */
    String payloadFields() {
        return (replyTo == null ? "" : ",\"reply_to\":" + replyTo)
                + (repostOf == null ? "" : ",\"repost_of\":" + repostOf + ",\"position\":" + position);
    }
}
