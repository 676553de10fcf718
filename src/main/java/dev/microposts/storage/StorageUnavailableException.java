package dev.microposts.storage;

/**
 * Storage could not be used just now: the disk failed, or the S3 server was unreachable, failing
 * (5xx) or refusing us (credentials, missing bucket). The operation may succeed later, so callers retry
 * it, or answer 503.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
