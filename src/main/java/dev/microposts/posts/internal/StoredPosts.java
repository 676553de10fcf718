package dev.microposts.posts.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code posts} table. Lists are read by keyset ({@code id < cursor}), newest first. */
@Repository
class StoredPosts {

    private static final String COLUMNS =
            "id, author_id, text, referenced_id, created_at, edited_at, version, media_pending, media_count, in_reply_to_id";

    private final JdbcClient jdbc;

    StoredPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Who may see a post: everyone once its videos are ready, its author always; nobody while its author is
     * suspended (who cannot sign in anyway).
     */
    private static final String VISIBLE = " and not author_suspended and (media_pending = 0 or author_id = :viewer)";

    /** Leaves out the authors hidden from the viewer by a block or a mute (an empty set hides nobody). */
    private static final String NOT_HIDDEN = " and author_id <> all(:hidden)";

    Post insert(long authorId, String text, Long referencedId, int mediaCount, int mediaPending, Long inReplyToId) {
        return jdbc.sql("insert into posts (author_id, text, referenced_id, media_count, media_pending, in_reply_to_id)"
                        + " values (?, ?, ?, ?, ?, ?) returning " + COLUMNS)
                .params(authorId, text, referencedId, mediaCount, mediaPending, inReplyToId)
                .query(StoredPosts::map)
                .single();
    }

    /** Attaches videos in order; false when one is already on another post. */
    boolean attach(long postId, List<UUID> mediaIds) {
        for (int i = 0; i < mediaIds.size(); i++) {
            int inserted = jdbc.sql("insert into post_media (post_id, media_id, position) values (?, ?, ?)"
                            + " on conflict (media_id) do nothing")
                    .params(postId, mediaIds.get(i), i)
                    .update();
            if (inserted == 0) {
                return false;
            }
        }
        return true;
    }

    Map<Long, List<UUID>> mediaOf(Collection<Long> postIds) {
        Map<Long, List<UUID>> media = new HashMap<>();
        if (postIds.isEmpty()) {
            return media;
        }
        jdbc.sql("select post_id, media_id from post_media where post_id = any(?) order by post_id, position")
                .param(postIds.toArray(Long[]::new))
                .query(rs -> {
                    media.computeIfAbsent(rs.getLong("post_id"), k -> new ArrayList<>())
                            .add(rs.getObject("media_id", UUID.class));
                });
        return media;
    }

    /** Which post carries each of these videos; videos on no post are left out. */
    Map<UUID, Long> postIdsByMedia(Collection<UUID> mediaIds) {
        Map<UUID, Long> posts = new HashMap<>();
        jdbc.sql("select media_id, post_id from post_media where media_id = any(?)")
                .param(mediaIds.toArray(UUID[]::new))
                .query(rs -> {
                    posts.put(rs.getObject("media_id", UUID.class), rs.getLong("post_id"));
                });
        return posts;
    }

    /** One of the post's videos became ready; the post if that published it. */
    Optional<Post> mediaReady(UUID mediaId) {
        return jdbc.sql("update posts set media_pending = media_pending - 1 where media_pending > 0"
                        + " and id = (select post_id from post_media where media_id = ?) returning " + COLUMNS)
                .param(mediaId)
                .query(StoredPosts::map)
                .optional()
                .filter(post -> post.mediaPending() == 0);
    }

    /** The post whoever may see it, for a moderator acting on it: even one of a suspended author. */
    Optional<Post> anyById(long id) {
        return jdbc.sql("select " + COLUMNS + " from posts where id = ?")
                .param(id)
                .query(StoredPosts::map)
                .optional();
    }

    Optional<Post> byId(long id, long viewer, Collection<Long> hidden) {
        return jdbc.sql("select " + COLUMNS + " from posts where id = :id" + VISIBLE + NOT_HIDDEN)
                .param("id", id)
                .param("hidden", ids(hidden))
                .param("viewer", viewer)
                .query(StoredPosts::map)
                .optional();
    }

    List<Post> byAuthor(long authorId, Cursor cursor, int limit, long viewer, Collection<Long> hidden) {
        return page("author_id = :author", Map.of("author", authorId), cursor, limit, viewer, hidden);
    }

    List<Post> byAuthors(Collection<Long> authorIds, Cursor cursor, int limit, long viewer, Collection<Long> hidden) {
        return page("author_id = any(:authors)", Map.of("authors", ids(authorIds)), cursor, limit, viewer, hidden);
    }

    /** A page of the replies to a post that {@code viewer} may see, newest first, like every list. */
    List<Post> replies(long postId, Cursor cursor, int limit, long viewer, Collection<Long> hidden) {
        return page("in_reply_to_id = :post", Map.of("post", postId), cursor, limit, viewer, hidden);
    }

    /**
     * The posts a post answers, its parent first and then up the thread, at most {@code limit} of them, leaving
     * out those the viewer may not see (yet).
     */
    List<Post> ancestors(long postId, int limit, long viewer, Collection<Long> hidden) {
        return jdbc.sql("with recursive up (id, depth) as ("
                        + " select in_reply_to_id, 1 from posts where id = :post and in_reply_to_id is not null"
                        + " union all select p.in_reply_to_id, up.depth + 1 from up join posts p on p.id = up.id"
                        + " where p.in_reply_to_id is not null and up.depth < :limit)"
                        + " select " + COLUMNS.replaceAll("(^|, )", "$1p.") + " from up join posts p on p.id = up.id"
                        + " where not p.author_suspended and (p.media_pending = 0 or p.author_id = :viewer)"
                        + " and p.author_id <> all(:hidden)"
                        + " order by up.depth")
                .param("post", postId)
                .param("hidden", ids(hidden))
                .param("limit", limit)
                .param("viewer", viewer)
                .query(StoredPosts::map)
                .list();
    }

    /** For each of these posts that replies to another's post, that post's author. */
    Map<Long, Long> repliedAuthors(Collection<Long> postIds) {
        Map<Long, Long> authors = new HashMap<>();
        jdbc.sql("select c.id, p.author_id from posts c join posts p on p.id = c.in_reply_to_id"
                        + " where c.id = any(?) and p.author_id <> c.author_id")
                .param(postIds.toArray(Long[]::new))
                .query(rs -> {
                    authors.put(rs.getLong("id"), rs.getLong("author_id"));
                });
        return authors;
    }

    /** Draws the next post id, which no post will have: a place among posts for what happens now. */
    long nextId() {
        return jdbc.sql("select nextval(pg_get_serial_sequence('posts', 'id'))")
                .query(Long.class)
                .single();
    }

    /** Who wrote each of these posts; gone ones left out. */
    Map<Long, Long> authorsOf(Collection<Long> postIds) {
        Map<Long, Long> authors = new HashMap<>();
        if (postIds.isEmpty()) {
            return authors;
        }
        jdbc.sql("select id, author_id from posts where id = any(?)")
                .param(postIds.toArray(Long[]::new))
                .query(rs -> {
                    authors.put(rs.getLong("id"), rs.getLong("author_id"));
                });
        return authors;
    }

    List<Long> idsByAuthor(long authorId, long before, int limit, boolean withUnpublished) {
        return jdbc.sql("select id from posts where author_id = ? and id < ?"
                        + (withUnpublished ? "" : " and media_pending = 0") + " order by id desc limit ?")
                .params(authorId, before, limit)
                .query(Long.class)
                .list();
    }

    /** Hides or shows again every post of an author, as their account is suspended or the suspension lifted. */
    int setAuthorSuspended(long authorId, boolean suspended) {
        return jdbc.sql("update posts set author_suspended = ? where author_id = ? and author_suspended <> ?")
                .params(suspended, authorId, suspended)
                .update();
    }

    List<Post> byIds(List<Long> ids, long viewer, Collection<Long> hidden) {
        return jdbc.sql("select " + COLUMNS + " from posts where id = any(:ids)" + VISIBLE + NOT_HIDDEN)
                .param("ids", ids.toArray(Long[]::new))
                .param("hidden", ids(hidden))
                .param("viewer", viewer)
                .query(StoredPosts::map)
                .list();
    }

    /**
     * Posts whose text matches {@code words} (none: any text) and that carry every one of {@code tags}
     * (normalized). Tags are matched in {@code post_tags}, not in the text's words, so {@code #java} finds the
     * posts tagged so and not every post that says "java".
     */
    List<Post> matching(
            String words, List<String> tags, Cursor cursor, int limit, long viewer, Collection<Long> hidden) {
        String wordsMatch = words.isBlank() ? "true" : "search @@ websearch_to_tsquery('simple', :query)";
        String tagsMatch = tags.isEmpty()
                ? ""
                : " and (select count(*) from post_tags t where t.post_id = posts.id and t.tag = any(:tags)) = :tagCount";
        return page(
                wordsMatch + tagsMatch,
                Map.of("query", words, "tags", tags.toArray(String[]::new), "tagCount", tags.size()),
                cursor,
                limit,
                viewer,
                hidden);
    }

    /**
     * Published posts carrying the tag (normalized), newest first: a tag's page shows what everyone sees, but the
     * authors hidden from the viewer.
     */
    List<Post> tagged(String tag, Cursor cursor, int limit, Collection<Long> hidden) {
        // why: walking the tag's index newest first stops after one page, however many posts carry the tag
        return jdbc.sql("select " + COLUMNS + " from post_tags t join posts p on p.id = t.post_id"
                        + " where t.tag = :tag and t.post_id < :before and p.media_pending = 0 and not p.author_suspended"
                        + " and p.author_id <> all(:hidden) order by t.post_id desc limit :limit")
                .param("tag", tag)
                .param("hidden", ids(hidden))
                .param("before", cursor.before())
                .param("limit", limit + 1)
                .query(StoredPosts::map)
                .list();
    }

    /**
     * Sets the given columns in one statement, so edits of different fields never overwrite each other.
     * With {@code expectedVersion}, the update only happens if nobody edited the post in between.
     */
    Optional<Post> update(
            long id, Optional<String> text, Optional<Optional<Long>> referencedId, Integer expectedVersion) {
        return jdbc.sql("update posts set"
                        + " text = case when :setText then :text else text end,"
                        + " referenced_id = case when :setReferenced then :referenced else referenced_id end,"
                        + " edited_at = now(), version = version + 1"
                        + " where id = :id and (cast(:expected as integer) is null or version = :expected)"
                        + " returning " + COLUMNS)
                .param("setText", text.isPresent())
                .param("text", text.orElse(null))
                .param("setReferenced", referencedId.isPresent())
                .param("referenced", referencedId.flatMap(r -> r).orElse(null), Types.BIGINT)
                .param("id", id)
                .param("expected", expectedVersion, Types.INTEGER)
                .query(StoredPosts::map)
                .optional();
    }

    boolean delete(long id, Integer expectedVersion) {
        return jdbc.sql(
                                "delete from posts where id = :id and (cast(:expected as integer) is null or version = :expected)")
                        .param("id", id)
                        .param("expected", expectedVersion, Types.INTEGER)
                        .update()
                > 0;
    }

    /** Deletes every post of an author in one statement; their attachments go with them by foreign key. */
    int deleteByAuthor(long authorId) {
        return jdbc.sql("delete from posts where author_id = ?").param(authorId).update();
    }

    /**
     * Rows for one page of the posts matching {@code where} (with its own {@code params}) that {@code viewer} may
     * see: {@code limit + 1} so the caller knows whether another page follows.
     */
    private List<Post> page(
            String where, Map<String, ?> params, Cursor cursor, int limit, long viewer, Collection<Long> hidden) {
        return jdbc.sql("select " + COLUMNS + " from posts where " + where + " and id < :before" + VISIBLE + NOT_HIDDEN
                        + " order by id desc limit :limit")
                .params(params)
                .param("hidden", ids(hidden))
                .param("before", cursor.before())
                .param("limit", limit + 1)
                .param("viewer", viewer)
                .query(StoredPosts::map)
                .list();
    }

    private static Post map(ResultSet rs, int row) throws SQLException {
        return new Post(
                rs.getLong("id"),
                rs.getLong("author_id"),
                rs.getString("text"),
                rs.getObject("referenced_id", Long.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("edited_at")),
                rs.getInt("version"),
                rs.getInt("media_pending"),
                rs.getInt("media_count"),
                rs.getObject("in_reply_to_id", Long.class));
    }

    private static Long[] ids(Collection<Long> ids) {
        return ids.toArray(Long[]::new);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
