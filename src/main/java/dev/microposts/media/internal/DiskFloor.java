package dev.microposts.media.internal;

import dev.microposts.engines.BackingServices;
import dev.microposts.web.ApiProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Stops uploads while the data directory's disk has less than {@code microposts.media.min-free-disk} free.
 * Uploads are what fill it; left to run to the end, a full disk takes PostgreSQL and the broker's journal
 * down with it (Artemis blocks every producer past 90% use), and with them posting, reading and signing in.
 */
@Component
class DiskFloor {

    private final Path dataDirectory;
    private final long minFree;

    DiskFloor(BackingServices services, MediaProperties properties) {
        this.dataDirectory = services.dataDirectory();
        this.minFree = properties.minFreeDisk().toBytes();
    }

    /** The refusal to give, or null while there is room; a disk that cannot be read is taken to have room. */
    ApiProblem refusal() {
        if (minFree <= 0) {
            return null;
        }
        long free;
        try {
            free = Files.getFileStore(dataDirectory).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
        if (free >= minFree) {
            return null;
        }
        return new ApiProblem(
                HttpStatus.INSUFFICIENT_STORAGE,
                "The server's disk is nearly full, so the video was not stored; uploads resume once space is"
                        + " freed. Posts without a video still work.");
    }

    void check() {
        ApiProblem refusal = refusal();
        if (refusal != null) {
            throw refusal;
        }
    }
}
