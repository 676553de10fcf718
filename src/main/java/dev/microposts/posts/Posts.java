package dev.microposts.posts;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other modules may read of the posts. */
public interface Posts {

    /**
     * Posts by any of these authors, newest first, as {@code viewer} may see them (an author sees their own
     * unpublished posts; nobody signed in sees only published ones): the building block of a home timeline. Authors
     * blocked either way are left out for the viewer; muted ones are not (it lists a profile's posts).
     */
    Page<VisiblePost> byAuthors(Collection<Long> authorIds, PageRequest page, Optional<UserRef> viewer);

    /**
     * Ids of an author's posts older than {@code before}, newest first: only published ones, unless
     * {@code withUnpublished} (the author reading their own).
     */
    List<Long> idsByAuthor(long authorId, long before, int limit, boolean withUnpublished);

    /**
     * Which post carries each of these videos, for what is said about a video that belongs to a post; videos on
     * no post (not posted yet, or their post deleted) are left out.
     */
    Map<UUID, Long> postIdsByMedia(Collection<UUID> mediaIds);

    /**
     * For those of these posts that reply to someone else's post, whose post that is: what a timeline needs to keep a
     * conversation among strangers out of a reader's home.
     */
    Map<Long, Long> repliedAuthors(Collection<Long> postIds);

    /**
     * A number that sorts after every post written so far and before every later one, on the scale of post ids:
     * where something that happens now (a repost) belongs among posts in a list ordered by id.
     */
    long placeNow();

    /** Who reposted the post (and has not undone it), oldest repost first. */
    List<Long> reposterIds(long postId);

    /**
     * These posts as {@code viewer} may see them, in the order given; gone or hidden ones left out, and those whose
     * author is blocked either way or muted by the viewer.
     */
    List<VisiblePost> byIds(List<Long> ids, Optional<UserRef> viewer);

    /**
     * Removes a post as a moderator, whoever wrote it, in the caller's transaction: {@link PostDeleted} is
     * published as when its author deletes it, so every timeline, stream and video lets go of it. Answers the id
     * of its author; empty when there is no such post.
     */
    Optional<Long> removeByModerator(long postId);
}
