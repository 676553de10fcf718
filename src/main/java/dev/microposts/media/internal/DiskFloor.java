package dev.microposts.media.internal;

import dev.microposts.engines.BackingServices;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Stops uploads while the data directory's disk has less than {@code microposts.media.min-free-disk} free.
 * Uploads are what fill it; left to run to the end, a full disk takes PostgreSQL and the broker's journal
 * down with it, and with them posting, reading and signing in. An embedded Artemis keeps its journal on that
 * disk and blocks every producer once it is 90% used, long before a large disk is down to the setting, so
 * then the floor is at least {@link #BROKER_MARGIN} of the disk: uploads stop before the broker does.
 */
@Component
class DiskFloor {

    /** Share of the disk kept free under an embedded broker: its 10%, and a little for what is in flight. */
    static final double BROKER_MARGIN = 0.11;

    private final Path dataDirectory;
    private final long minFree;
    private final boolean brokerOnThisDisk;

    DiskFloor(BackingServices services, MediaProperties properties) {
        this.dataDirectory = services.dataDirectory();
        this.minFree = properties.minFreeDisk().toBytes();
        this.brokerOnThisDisk = services.brokerEmbedded();
    }

    /** The free space below which uploads stop, on a disk of {@code total} bytes. */
    static long floor(long minFree, long total, boolean brokerOnThisDisk) {
        return brokerOnThisDisk ? Math.max(minFree, (long) (total * BROKER_MARGIN)) : minFree;
    }

    /** The refusal to give, or null while there is room; a disk that cannot be read is taken to have room. */
    DiskNearlyFull refusal() {
        if (minFree <= 0) {
            return null;
        }
        long free;
        long total;
        try {
            FileStore disk = Files.getFileStore(dataDirectory);
            free = disk.getUsableSpace();
            total = disk.getTotalSpace();
        } catch (IOException e) {
            return null;
        }
        if (free >= floor(minFree, total, brokerOnThisDisk)) {
            return null;
        }
        return new DiskNearlyFull();
    }

    void check() {
        DiskNearlyFull refusal = refusal();
        if (refusal != null) {
            throw refusal;
        }
    }
}
