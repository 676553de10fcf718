package dev.microposts.media;

import dev.microposts.accounts.UserRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What other modules may do with media items. */
public interface MediaLibrary {

    /**
     * Stores a video sent with a page's form, as the upload endpoint does, but first refuses a file that is
     * plainly something else (a document, a picture, text, sound): a page without its script cannot follow the
     * video's processing, so the writer must learn it before the post is made. Answers the new item as its
     * owner sees it.
     *
     * @throws dev.microposts.refusals.Refusal for a refused file, an upload past the member's quota, a full disk
     *     or while the video backlog is full, with a message the form shows as it is
     */
    MediaView uploadFromPage(UserRef owner, InputStream body, String fileName) throws IOException;

    /**
     * Sets the description of the owner's video for people who cannot see it; a blank one removes it.
     *
     * @throws dev.microposts.refusals.Refusal when the text is refused (too long, unstorable), when the item is
     *     someone else's that {@code owner} can see (not allowed), or when {@code owner} cannot see it (not found)
     */
    void describe(UserRef owner, UUID id, String altText);

    /**
     * Checks, inside the caller's transaction, that the items exist, belong to {@code ownerId}, have not
     * failed and are not on another post, and locks them until the caller commits, so none can become ready
     * unseen in between. Answers how many are not ready yet.
     *
     * @throws IllegalArgumentException naming the first item that cannot be attached, and why
     */
    int lockForAttaching(long ownerId, List<UUID> ids);

    /**
     * Deletes these items, their rows and every stored file, whoever owns them: their post is gone. Unknown ids
     * are skipped, so repeating it is harmless.
     *
     * @throws dev.microposts.storage.StorageUnavailableException when storage cannot delete now; the caller's
     *     transaction then keeps the rows, to try again
     */
    void discard(Collection<UUID> ids);

    /** Every video of an owner, oldest first, with where its original is stored. */
    List<MediaOriginal> originalsOf(long ownerId);

    /**
     * The items, by id, as {@code viewerId} may see them (-1 for someone not logged in): why a video failed
     * is for its owner only, and so is an item on no post yet. Unknown ids are left out.
     */
    Map<UUID, MediaView> views(Collection<UUID> ids, long viewerId);
}
