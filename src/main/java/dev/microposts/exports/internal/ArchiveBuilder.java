package dev.microposts.exports.internal;

import dev.microposts.accounts.Profile;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.media.MediaLibrary;
import dev.microposts.media.MediaOriginal;
import dev.microposts.media.MediaView;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.storage.Storage;
import dev.microposts.storage.StoredObject;
import dev.microposts.timeline.FollowGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a member's archive: {@code archive.json} (the profile, every post, whom they follow and who follows them,
 * and their videos) and each video's original under {@code videos/}, byte for byte as it was uploaded. The JSON is
 * written with its own field names, not through the API's records, so its shape is the archive's (README, "Your
 * archive") and changes only on purpose.
 */
@Component
class ArchiveBuilder {

    static final int FORMAT_VERSION = 1;
    private static final int PAGE = 500;

    private final Users users;
    private final Posts posts;
    private final FollowGraph follows;
    private final MediaLibrary media;
    private final Storage storage;
    private final ObjectMapper json;
    private final Clock clock;

    ArchiveBuilder(
            Users users,
            Posts posts,
            FollowGraph follows,
            MediaLibrary media,
            Storage storage,
            ObjectMapper json,
            Clock clock) {
        this.users = users;
        this.posts = posts;
        this.follows = follows;
        this.media = media;
        this.storage = storage;
        this.json = json;
        this.clock = clock;
    }

    /** Writes the owner's archive to {@code zip}. */
    void write(UserRef owner, Path zip) throws IOException {
        Profile profile = users.requireProfile(owner.username());
        List<Map<String, Object>> videos = new ArrayList<>();
        List<Original> originals = new ArrayList<>();
        for (MediaOriginal video : media.originalsOf(owner.id())) {
            Optional<StoredObject> stored = storage.stat(video.storageKey());
            String file = stored.isPresent() ? "videos/" + video.id() + ".original" : null;
            stored.ifPresent(object -> originals.add(new Original(file, object)));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", video.id().toString());
            entry.put("status", video.status());
            entry.put("size", video.size());
            entry.put("uploaded_at", video.createdAt().toString());
            entry.put("file", file);
            videos.add(entry);
        }
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("format", "microposts-archive");
        archive.put("version", FORMAT_VERSION);
        archive.put("exported_at", clock.instant().toString());
        archive.put("user", user(profile));
        archive.put("posts", posts(owner));
        archive.put("following", usernames(follows.following(owner.id())));
        archive.put("followers", usernames(follows.followers(owner.id())));
        archive.put("videos", videos);
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream archiveZip = new ZipOutputStream(out)) {
            archiveZip.putNextEntry(new ZipEntry("archive.json"));
            archiveZip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(archive));
            archiveZip.closeEntry();
            for (Original original : originals) {
                archiveZip.putNextEntry(new ZipEntry(original.file()));
                try (InputStream in = storage.open(
                        original.object().key(), 0, original.object().size())) {
                    in.transferTo(archiveZip);
                }
                archiveZip.closeEntry();
            }
        }
    }

    private static Map<String, Object> user(Profile profile) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", profile.username());
        user.put("display_name", profile.displayName());
        user.put("bio", profile.bio());
        user.put("created_at", profile.createdAt().toString());
        return user;
    }

    /** Every post of the owner, newest first, a page at a time, as the owner sees them (unpublished ones too). */
    private List<Map<String, Object>> posts(UserRef owner) {
        List<Map<String, Object>> all = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<Long> ids = posts.idsByAuthor(owner.id(), before, PAGE, true);
            if (ids.isEmpty()) {
                return all;
            }
            for (VisiblePost post : posts.byIds(ids, Optional.of(owner))) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", post.id());
                entry.put("text", post.text());
                entry.put("referenced", post.referenced());
                entry.put("created_at", text(post.createdAt()));
                entry.put("edited_at", text(post.editedAt()));
                entry.put("published", post.published());
                entry.put("videos", post.media().stream().map(MediaView::id).toList());
                all.add(entry);
            }
            before = ids.get(ids.size() - 1);
        }
    }

    private List<String> usernames(Collection<Long> ids) {
        Map<Long, UserRef> found = users.byIds(ids);
        return ids.stream()
                .filter(found::containsKey)
                .map(id -> found.get(id).username())
                .toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private record Original(String file, StoredObject object) {}
}
