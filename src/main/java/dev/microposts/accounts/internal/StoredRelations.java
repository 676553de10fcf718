package dev.microposts.accounts.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.microposts.accounts.Relations;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code blocks} and {@code mutes} tables, and {@link Relations} read from them. A viewer's hidden set is
 * cached briefly: a home timeline read asks for it once and every read after within the window asks nothing.
 * Changes made in this process evict both people at once; another process's change is seen within
 * {@link #FRESH} at most.
 */
@Repository
class StoredRelations implements Relations {

    /** How long a process may show a viewer someone another process has just hidden from them. */
    static final Duration FRESH = Duration.ofSeconds(3);

    private final JdbcClient jdbc;
    private final Cache<Long, Hidden> hidden =
            Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(FRESH).build();

    StoredRelations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which table: blocks or mutes, with the names of their two sides. */
    enum Kind {
        BLOCK("blocks", "blocker_id", "blocked_id"),
        MUTE("mutes", "muter_id", "muted_id");

        private final String table;
        private final String owner;
        private final String other;

        Kind(String table, String owner, String other) {
            this.table = table;
            this.owner = owner;
            this.other = other;
        }
    }

    /** Records the block or mute, doing nothing if it stands already; true when it is new. */
    boolean add(Kind kind, long ownerId, long otherId) {
        boolean added = jdbc.sql("insert into " + kind.table + " (" + kind.owner + ", " + kind.other
                                + ") values (?, ?) on conflict do nothing")
                        .params(ownerId, otherId)
                        .update()
                > 0;
        evict(ownerId, otherId);
        return added;
    }

    /** Lifts the block or mute; true when there was one. */
    boolean remove(Kind kind, long ownerId, long otherId) {
        boolean removed =
                jdbc.sql("delete from " + kind.table + " where " + kind.owner + " = ? and " + kind.other + " = ?")
                                .params(ownerId, otherId)
                                .update()
                        > 0;
        evict(ownerId, otherId);
        return removed;
    }

    /** One page of the people a user blocked or muted, most recent first. */
    Page<Entry> list(Kind kind, long ownerId, PageRequest page) {
        List<Entry> rows = jdbc.sql("select id, " + kind.other + " as other, created_at from " + kind.table + " where "
                        + kind.owner + " = ? and id < ? order by id desc limit ?")
                .params(ownerId, page.cursor().before(), page.limit() + 1)
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        rs.getLong("other"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return Page.of(rows, page.limit(), Entry::id);
    }

    /** One blocked or muted person, and since when. */
    record Entry(long id, long userId, Instant since) {}

    @Override
    public Set<Long> hiddenFrom(long viewerId) {
        return hidden(viewerId).all();
    }

    @Override
    public Set<Long> blockedEitherWay(long viewerId) {
        return hidden(viewerId).blocked();
    }

    @Override
    public boolean blocks(long blockerId, long blockedId) {
        return stands(Kind.BLOCK, blockerId, blockedId);
    }

    @Override
    public boolean mutes(long muterId, long mutedId) {
        return stands(Kind.MUTE, muterId, mutedId);
    }

    private boolean stands(Kind kind, long ownerId, long otherId) {
        return jdbc.sql("select exists (select 1 from " + kind.table + " where " + kind.owner + " = ? and " + kind.other
                        + " = ?)")
                .params(ownerId, otherId)
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean blockedEitherWay(long a, long b) {
        return jdbc.sql("select exists (select 1 from blocks where (blocker_id = :a and blocked_id = :b)"
                        + " or (blocker_id = :b and blocked_id = :a))")
                .param("a", a)
                .param("b", b)
                .query(Boolean.class)
                .single();
    }

    @Override
    public Set<Long> hidingAmong(long authorId, Collection<Long> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select muter_id from mutes where muted_id = :author and muter_id = any(:ids)"
                        + " union select blocker_id from blocks where blocked_id = :author and blocker_id = any(:ids)"
                        + " union select blocked_id from blocks where blocker_id = :author and blocked_id = any(:ids)")
                .param("author", authorId)
                .param("ids", candidates.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    private Hidden hidden(long viewerId) {
        return hidden.get(viewerId, this::load);
    }

    /** One round trip: each row says whom it hides and whether it is a block. */
    private Hidden load(long viewerId) {
        Set<Long> blocked = new java.util.HashSet<>();
        Set<Long> all = new java.util.HashSet<>();
        jdbc.sql("select blocked_id as other, true as block from blocks where blocker_id = :viewer"
                        + " union all select blocker_id, true from blocks where blocked_id = :viewer"
                        + " union all select muted_id, false from mutes where muter_id = :viewer")
                .param("viewer", viewerId)
                .query(rs -> {
                    long other = rs.getLong("other");
                    all.add(other);
                    if (rs.getBoolean("block")) {
                        blocked.add(other);
                    }
                });
        return new Hidden(Set.copyOf(all), Set.copyOf(blocked));
    }

    /** Evicts both now and again after the commit, so no read in between caches what is about to change. */
    private void evict(long a, long b) {
        hidden.invalidateAll(List.of(a, b));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    hidden.invalidateAll(List.of(a, b));
                }
            });
        }
    }

    /** A viewer's hidden ids: all of them, and the blocked ones among them. */
    private record Hidden(Set<Long> all, Set<Long> blocked) {}
}
