package dev.microposts.storage.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/** The argument checks both adapters make before touching the disk or the network. */
final class StorageArguments {

    private StorageArguments() {}

    static void requireFileToStore(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No file to store at " + file);
        }
    }

    static void requireContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("A content type is required");
        }
    }

    static void requireRange(long offset, long length) {
        if (offset < 0 || length < -1 || (length > 0 && offset > Long.MAX_VALUE - length)) {
            throw new IllegalArgumentException("Not a valid byte range: offset " + offset + ", length " + length);
        }
    }
}
