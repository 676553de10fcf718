package dev.microposts.exports.internal;

import dev.microposts.ops.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes exports past their expiry, archive first: an archive holds a member's whole history and should not
 * outlive its purpose in storage. A leader's duty, so one process does it for the deployment.
 */
@Component
class ExpiredExports {

    private static final Logger log = LoggerFactory.getLogger(ExpiredExports.class);

    private final StoredExports exports;
    private final ExportService service;
    private final Leadership leadership;

    ExpiredExports(StoredExports exports, ExportService service, Leadership leadership) {
        this.exports = exports;
        this.service = service;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void deleteExpired() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            exports.expired(100).forEach(service::delete);
        } catch (RuntimeException e) {
            log.warn("Deleting expired exports failed; trying again in a minute ({})", e.toString());
        }
    }
}
