package dev.microposts.posts.web;

import dev.microposts.media.MediaView;
import dev.microposts.posts.VisiblePost;
import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it, with the book's fields ({@code href}, {@code id}, {@code text},
 * {@code referenced}, {@code timestamp}, {@code user}), when it was created and last edited, its videos, and
 * whether others see it yet: a post with videos is {@code published} once all of them are ready; until then
 * only its author sees it (with each video's status). {@code mentions} are the people its text mentions
 * ({@code @name} of someone who exists) and {@code tags} its hashtags, each linked to where the API serves it.
 * only its author sees it (with each video's status). A reply links to the post it answers ({@code in_reply_to},
 * that post's {@code href}, as every post links to itself). {@code likes} and {@code reposts} count them;
 * {@code liked} and {@code reposted} say what the signed-in reader did (null for anyone else); {@code reposted_by}
 * is who brought the post into a home timeline by reposting it. {@link PostLinks} makes one from a
 * {@link VisiblePost}.
 */
public record PostView(
        String href,
        long id,
        String text,
        String referenced,
        Instant timestamp,
        String user,
        Instant createdAt,
        Instant editedAt,
        List<MediaView> media,
        boolean published,
        List<Mention> mentions,
        List<Tag> tags,
        String inReplyTo,
        long likes,
        long reposts,
        Boolean liked,
        Boolean reposted,
        String repostedBy) {

    /** Someone a post mentions: their username and their profile. */
    public record Mention(String username, String href) {}

    /** A hashtag in normalized form (lower case), and the collection of the posts carrying it. */
    public record Tag(String name, String href) {}

    static PostView of(String href, String inReplyTo, VisiblePost post, List<Mention> mentions, List<Tag> tags) {
        return new PostView(
                href,
                post.id(),
                post.text(),
                post.referenced(),
                post.timestamp(),
                post.user(),
                post.createdAt(),
                post.editedAt(),
                post.media(),
                post.published(),
                mentions,
                tags,
                inReplyTo,
                post.likes(),
                post.reposts(),
                post.liked(),
                post.reposted(),
                post.repostedBy());
    }
}
