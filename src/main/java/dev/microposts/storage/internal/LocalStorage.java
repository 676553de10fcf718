package dev.microposts.storage.internal;

import dev.microposts.storage.NoSuchStoredObjectException;
import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageKeys;
import dev.microposts.storage.StorageUnavailableException;
import dev.microposts.storage.StoredObject;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Objects as files under a root directory: the key {@code media/3f2a/source} is the file
 * {@code <root>/media/3f2a/source}, and its content type sits beside it in {@code source~type}. Keys
 * cannot contain '~', so these files and the temporary ones of unfinished writes never look like objects.
 *
 * <p>Because keys are paths, one key cannot also be a directory of others: {@code media/3f2a} and
 * {@code media/3f2a/source} cannot both be stored.
 */
final class LocalStorage implements Storage {

    private static final String TYPE_SUFFIX = "~type";
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final Path root;

    LocalStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Path target = fileOf(key);
        StorageArguments.requireFileToStore(file);
        StorageArguments.requireContentType(contentType);
        try {
            Files.createDirectories(target.getParent());
            // why: the type first, so that a new object never shows up without one
            AtomicFiles.write(contentType.getBytes(StandardCharsets.UTF_8), typeFileOf(target));
            AtomicFiles.copy(file, target);
        } catch (IOException e) {
            throw unavailable("store " + key, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        Path source = fileOf(key);
        requireObject(key, source);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            AtomicFiles.copy(source, target.toAbsolutePath());
        } catch (IOException e) {
            if (attributesOf(source).isEmpty()) {
                throw new NoSuchStoredObjectException(key); // deleted while we copied it
            }
            throw unavailable("download " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path file = fileOf(key);
        return attributesOf(file).map(attributes -> new StoredObject(key, attributes.size(), contentTypeOf(file)));
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        Path file = fileOf(key);
        StorageArguments.requireRange(offset, length);
        requireObject(key, file);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            InputStream in = Channels.newInputStream(channel.position(offset));
            return length < 0 ? in : new LimitedInputStream(in, length);
        } catch (IOException e) {
            closeQuietly(channel);
            if (e instanceof NoSuchFileException) {
                throw new NoSuchStoredObjectException(key); // deleted since we looked
            }
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = fileOf(key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(typeFileOf(file));
        } catch (DirectoryNotEmptyException e) {
            // the key is a directory of other objects, so no object is stored under it
        } catch (IOException e) {
            throw unavailable("delete " + key, e);
        }
    }

    @Override
    public void deleteAll(String prefix) {
        StorageKeys.requireValidPrefix(prefix);
        try {
            // everything under the prefix goes, type files and leftover temporary files included
            walk(prefix, Files::deleteIfExists, true);
        } catch (IOException e) {
            throw unavailable("delete " + prefix + "*", e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        StorageKeys.requireValidPrefix(prefix);
        List<String> keys = new ArrayList<>();
        try {
            walk(
                    prefix,
                    file -> {
                        String key = keyOf(file);
                        if (StorageKeys.isValid(key)) {
                            keys.add(key);
                        }
                    },
                    false);
        } catch (IOException e) {
            throw unavailable("list " + prefix + "*", e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void checkAvailable() {
        try {
            Files.createDirectories(root);
            Path probe = AtomicFiles.temporaryFile(root);
            Files.write(probe, new byte[0]);
            Files.delete(probe);
        } catch (IOException e) {
            throw unavailable("write to " + root, e);
        }
    }

    @Override
    public String describe() {
        return "local directory " + root;
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path file = fileOf(key);
        return attributesOf(file).map(attributes -> file);
    }

    /** The object's file; the check after resolving is a second guard behind the key rules. */
    private Path fileOf(String key) {
        Path file = root.resolve(StorageKeys.requireValid(key)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Storage key leaves the storage directory: '" + key + "'");
        }
        return file;
    }

    private static Path typeFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + TYPE_SUFFIX);
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    /** The attributes of a stored object's file, or empty if there is none. */
    private Optional<BasicFileAttributes> attributesOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // why: not Files.isRegularFile, which would hide a failing disk as a missing object
            throw unavailable("read " + keyOf(file), e);
        }
    }

    private void requireObject(String key, Path file) {
        if (attributesOf(file).isEmpty()) {
            throw new NoSuchStoredObjectException(key);
        }
    }

    private String contentTypeOf(Path file) {
        try {
            return Files.readString(typeFileOf(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return DEFAULT_TYPE;
        } catch (IOException e) {
            throw unavailable("read " + keyOf(file), e);
        }
    }

    /**
     * Visits every file whose key starts with the prefix. Only the directories that can hold such keys are
     * entered: for {@code media/3f} that is {@code media/} and, below it, {@code 3f*}.
     */
    private void walk(String prefix, FileAction action, boolean removeEmptyDirectories) throws IOException {
        BasicFileAttributes rootAttributes;
        try {
            rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!rootAttributes.isDirectory()) {
            throw new IOException("The storage root " + root + " is not a directory");
        }
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : fileOf(prefix.substring(0, slash));
        Files.walkFileTree(start, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                if (directory.equals(start)) {
                    return FileVisitResult.CONTINUE;
                }
                String path = keyOf(directory) + "/";
                return path.startsWith(prefix) || prefix.startsWith(path)
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && keyOf(file).startsWith(prefix)) {
                    action.accept(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a directory or file deleted while we walk is simply not there
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                if (removeEmptyDirectories && !directory.equals(root) && (keyOf(directory) + "/").startsWith(prefix)) {
                    try {
                        Files.deleteIfExists(directory);
                    } catch (DirectoryNotEmptyException stillUsed) {
                        // a concurrent put created a file in it
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private interface FileAction {
        void accept(Path file) throws IOException;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the failure that led here is the one to report
            }
        }
    }

    private static StorageUnavailableException unavailable(String action, IOException e) {
        return new StorageUnavailableException("Could not " + action + " in local storage: " + e, e);
    }

    /** Stops after {@code remaining} bytes, for a range that ends before the file does. */
    private static final class LimitedInputStream extends FilterInputStream {

        private long remaining;

        LimitedInputStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
