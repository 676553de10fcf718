package dev.microposts.posts;

import dev.microposts.media.MediaView;
import java.time.Instant;
import java.util.List;

/**
 * A post as one reader may see it: its author sees it while its videos are still processing, everyone else
 * once it is {@code published}. It names people by username and says nothing of where it is served; the API
 * adds that with {@link dev.microposts.posts.web.PostLinks}. {@code mentions} are the usernames of the people
 * its text mentions who exist, {@code tags} its hashtags in normalized form, both in the order written. A reply
 * names the post it answers ({@code inReplyToId}) and that post's author; {@code liked} and {@code reposted} say
 * what the reader did, and are null for a reader who is not signed in. {@code repostedBy} is who brought the post
 * into a timeline by reposting it, null everywhere else.
 */
public record VisiblePost(
        long id,
        String text,
        String referenced,
        Instant timestamp,
        String user,
        Instant createdAt,
        Instant editedAt,
        List<MediaView> media,
        boolean published,
        List<String> mentions,
        List<String> tags,
        Long inReplyToId,
        String inReplyToUser,
        long likes,
        long reposts,
        Boolean liked,
        Boolean reposted,
        String repostedBy) {

    public VisiblePost {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The text cut into plain text, mentions and hashtags, for pages to link the last two. */
    public List<TextSegment> textSegments() {
        return PostText.segments(text, mentions);
    }

    /** The same post, shown in a timeline because {@code username} reposted it. */
    public VisiblePost repostedBy(String username) {
        return new VisiblePost(
                id,
                text,
                referenced,
                timestamp,
                user,
                createdAt,
                editedAt,
                media,
                published,
                mentions,
                tags,
                inReplyToId,
                inReplyToUser,
                likes,
                reposts,
                liked,
                reposted,
                username);
    }
}
