package dev.microposts.media.internal;

import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Media items made beside the upload API, for tests that play a part of the pipeline themselves (a worker that
 * dies holding a part, a process that stops between the commit and the send): what an upload leaves, and nothing
 * more, so no probe is sent unless the test sends it.
 */
record DirectItems(JdbcClient jdbc, Storage storage, MediaStore store, TransactionTemplate transaction) {

    /** The database id of a user the test signed up through the API. */
    static long userId(JdbcClient jdbc, Api.User user) {
        return jdbc.sql("select id from users where username = ?")
                .param(user.username())
                .query(Long.class)
                .single();
    }

    /** The clip stored as an item's source and the item's row committed, as an upload leaves them. */
    UUID stored(Api.User owner, Path clip) throws java.io.IOException {
        UUID id = UUID.randomUUID();
        String source = MediaKeys.source(id);
        long size = Files.size(clip);
        storage.put(source, clip, "video/mp4");
        long ownerId = userId(jdbc, owner);
        transaction.executeWithoutResult(status -> store.insert(id, ownerId, source, size));
        return id;
    }

    /**
     * An item with no stored source whose probe is claimed for {@code lease} as it is committed, so no worker runs
     * it: the test plays the pipeline itself.
     */
    UUID withProbeHeld(Api.User owner, Duration lease) {
        long ownerId = userId(jdbc, owner);
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            store.insert(id, ownerId, MediaKeys.source(id), 1000);
            store.claim(id, MediaStore.PROBE, lease).orElseThrow();
        });
        return id;
    }
}
