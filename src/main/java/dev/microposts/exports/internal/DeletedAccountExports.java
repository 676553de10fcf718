package dev.microposts.exports.internal;

import dev.microposts.accounts.UserDeleted;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account's archives go, from storage too: they are copies of everything it deleted. The task of one
 * still being built finds its row gone when it records the archive, and deletes what it stored.
 */
@Component
class DeletedAccountExports {

    private final StoredExports exports;
    private final ExportService service;

    DeletedAccountExports(StoredExports exports, ExportService service) {
        this.exports = exports;
        this.service = service;
    }

    @BusListener("exports.user_deleted")
    void on(UserDeleted event) {
        exports.ofOwner(event.userId()).forEach(service::delete);
    }
}
