package dev.microposts.media.internal;

import dev.microposts.refusals.NoSpace;

/** The data directory's disk is below its floor, so an upload would be what fills it. */
class DiskNearlyFull extends NoSpace {

    DiskNearlyFull() {
        super("The server's disk is nearly full, so the video was not stored; uploads resume once space is"
                + " freed. Posts without a video still work.");
    }
}
