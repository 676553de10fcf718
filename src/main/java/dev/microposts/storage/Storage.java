package dev.microposts.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded media and renditions are kept: a local directory or an S3-compatible bucket, chosen by
 * {@code STORAGE_URL}. Objects are whole files, written once per key and replaced as a whole; readers
 * never see a partly written object.
 *
 * <p>Every method checks its key against {@link StorageKeys} and throws {@link IllegalArgumentException}
 * for one that breaks the rules. A failure that may pass (disk or network) is a
 * {@link StorageUnavailableException}; a key with no object is a {@link NoSuchStoredObjectException}.
 *
 * <pre>{@code
 * storage.put("media/" + id + "/source", upload, "application/octet-stream");
 * try (InputStream in = storage.open("media/" + id + "/" + token + "/720.mp4", 1024, 4096)) { ... }
 * storage.deleteAll("media/" + id + "/");
 * }</pre>
 */
public interface Storage {

    /**
     * Stores a copy of a local file under the key, replacing any object stored there. The file is streamed,
     * never read into memory, so it may be large (an uploaded video).
     */
    void put(String key, Path file, String contentType);

    /**
     * Copies the object into a local file, replacing it if it exists; the target appears complete or not
     * at all. Missing parent directories are created.
     *
     * @throws NoSuchStoredObjectException if nothing is stored under the key
     */
    void download(String key, Path target);

    /** The object's size and content type, or empty if nothing is stored under the key. */
    Optional<StoredObject> stat(String key);

    /**
     * Reads a byte range of the object, as an HTTP range request asks for it. A range reaching past the end
     * is cut short at the end; one starting at or after the end is empty. The caller closes the stream.
     *
     * @param offset the first byte to read, from 0
     * @param length how many bytes to read, or {@code -1} for all bytes up to the end
     * @throws NoSuchStoredObjectException if nothing is stored under the key
     */
    InputStream open(String key, long offset, long length);

    /** Deletes the object, if there is one: deleting a missing key is not an error. */
    void delete(String key);

    /** Deletes every object whose key starts with the prefix, such as {@code media/<id>/}. */
    void deleteAll(String prefix);

    /** Every key that starts with the prefix, in ascending order. */
    List<String> list(String prefix);

    /**
     * Checks that storage can be used now (the directory is writable, the bucket answers), for the health
     * endpoint.
     *
     * @throws StorageUnavailableException if it cannot
     */
    void checkAvailable();

    /** Where objects are kept, for logs and operators; never contains credentials. */
    String describe();

    /**
     * The object's file, when storage is a local directory and the object exists, so that it can be served
     * by the operating system (sendfile, {@code X-Accel-Redirect}) instead of being copied through the JVM.
     * Always empty for remote storage.
     */
    default Optional<Path> localFile(String key) {
        StorageKeys.requireValid(key);
        return Optional.empty();
    }
}
