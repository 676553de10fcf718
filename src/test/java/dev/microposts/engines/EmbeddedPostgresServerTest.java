package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL keeps to the data directory: nothing of it lands in the machine's shared
 * temporary directory, where other users could tamper with the binaries it runs, and what the server
 * prints goes to its own log file there.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path sharedTemporaryDirectory;

    @Test
    void runsWithoutTouchingTheSharedTemporaryDirectoryAndLogsToItsOwnFile() throws Exception {
        String temporaryDirectory = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", sharedTemporaryDirectory.toString());
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
                Connection connection = DriverManager.getConnection(server.jdbcUrl());
                ResultSet row = connection.createStatement().executeQuery("select 1")) {
            assertThat(row.next()).isTrue();
        } finally {
            System.setProperty("java.io.tmpdir", temporaryDirectory);
        }

        try (var left = Files.list(sharedTemporaryDirectory)) {
            assertThat(left)
                    .as("what the embedded PostgreSQL left in the shared temporary directory")
                    .isEmpty();
        }
        assertThat(Files.readString(dataDir.resolve("postgres.log"), StandardCharsets.UTF_8))
                .contains("database system is ready to accept connections", "database system is shut down");
    }

    @Test
    void aCopyOfTheBinariesLeftHalfUnpackedIsRemovedSoItIsUnpackedAgain() throws Exception {
        Path binaries = Files.createDirectories(dataDir.resolve("postgres-binaries"));
        Path complete =
                Files.createDirectories(binaries.resolve("PG-complete/bin")).getParent();
        Files.writeString(complete.resolve(".exists"), "");
        Path interrupted =
                Files.createDirectories(binaries.resolve("PG-interrupted/bin")).getParent();
        Files.writeString(interrupted.resolve("bin/postgres"), "the first half of a binary");
        Files.writeString(interrupted.resolve("epg-lock"), "");
        Path unpacking =
                Files.createDirectories(binaries.resolve("PG-unpacking/bin")).getParent();

        try (FileChannel lock = FileChannel.open(
                        unpacking.resolve("epg-lock"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                var held = lock.lock()) {
            EmbeddedPostgresServer.discardHalfUnpackedBinaries(binaries);
        }

        assertThat(complete).exists();
        assertThat(unpacking).as("a copy another start is unpacking right now").exists();
        assertThat(interrupted).doesNotExist();
    }
}
