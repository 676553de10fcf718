package dev.microposts.web.spi;

import java.io.IOException;

/**
 * Raised while reading a body that grows past its limit without having declared its length; whoever reads the
 * body may meet it wrapped in their own failure, and the edge answers it with 413 wherever it surfaces.
 */
public final class BodyTooLargeException extends IOException {

    private final long max;

    public BodyTooLargeException(long max) {
        super("request body exceeds " + max + " bytes");
        this.max = max;
    }

    public long max() {
        return max;
    }
}
