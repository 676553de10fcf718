package dev.microposts.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see the old content or the new, never a part: the bytes go to a temporary
 * file in the same directory, which is then renamed over the target.
 */
final class AtomicFiles {

    /**
     * Marks temporary files. Keys cannot contain '~', so such a name never collides with a stored object and
     * listings skip it.
     */
    static final String TEMPORARY_PREFIX = "~part-";

    private AtomicFiles() {}

    static void copy(Path source, Path target) throws IOException {
        replace(target, out -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                long position = 0;
                // why: transferTo lets the kernel copy; it may move fewer bytes than asked per call
                while (position < size) {
                    position += in.transferTo(position, size - position, out);
                }
            }
        });
    }

    static void copy(InputStream source, Path target) throws IOException {
        replace(target, out -> source.transferTo(Channels.newOutputStream(out)));
    }

    static void write(byte[] bytes, Path target) throws IOException {
        replace(target, out -> Channels.newOutputStream(out).write(bytes));
    }

    /** A name in {@code directory} that no key and no other writer uses. */
    static Path temporaryFile(Path directory) {
        return directory.resolve(TEMPORARY_PREFIX + UUID.randomUUID() + ".tmp");
    }

    private interface Writer {
        void writeTo(FileChannel out) throws IOException;
    }

    private static void replace(Path target, Writer writer) throws IOException {
        Path temporary = temporaryFile(target.getParent());
        try {
            // why: created like any new file (umask permissions, unlike Files.createTempFile's 0600), so a
            // web server running as another user can still serve it
            try (FileChannel out =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
                // why: without it a crash soon after the rename can leave an empty file under the key
                out.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
