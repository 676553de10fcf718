package dev.microposts.exports.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.storage.Storage;
import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskFailure;
import dev.microposts.tasks.TaskHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code exports} queue: each task builds one member's archive in a private file, puts it in storage and marks
 * the export ready. Its own queue, so a member with hours of video holds up no transcode or thumbnail. A repeated
 * task writes the same archive again under the same key; one for an export that is gone or done does nothing.
 */
@Component
class ExportHandler implements TaskHandler {

    static final String QUEUE = "exports";
    static final String FILE = "microposts-export.zip";

    private final StoredExports exports;
    private final ExportService service;
    private final ArchiveBuilder archives;
    private final Users users;
    private final Storage storage;
    private final ObjectMapper json;
    private final Path workDir;

    ExportHandler(
            StoredExports exports,
            ExportService service,
            ArchiveBuilder archives,
            Users users,
            Storage storage,
            ObjectMapper json,
            @Value("${microposts.data-dir}") Path dataDir) {
        this.exports = exports;
        this.service = service;
        this.archives = archives;
        this.users = users;
        this.storage = storage;
        this.json = json;
        this.workDir = dataDir.resolve("work");
    }

    static String payload(UUID exportId) {
        return "{\"export\":\"" + exportId + "\"}";
    }

    /** A payload as the handler reads it; on its own so the compatibility tests read every release's this way. */
    static UUID read(ObjectMapper json, String payload) {
        return UUID.fromString(json.readTree(payload).path("export").asString());
    }

    static String prefix(UUID exportId) {
        return "exports/" + exportId + "/";
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public void handle(Task task) throws Exception {
        Optional<Export> found = exports.find(read(json, task.payload()));
        if (found.isEmpty() || !found.get().status().equals(Export.BUILDING)) {
            return;
        }
        Export export = found.get();
        UserRef owner = users.byIds(List.of(export.ownerId())).get(export.ownerId());
        if (owner == null) {
            throw new PermanentTaskFailure("account_gone", "The account was deleted");
        }
        Files.createDirectories(workDir);
        // why: a file of its own in the shared work directory, gone when the build ends, so nothing is left there
        Path zip = Files.createTempFile(workDir, "export-" + export.id() + "-", ".zip");
        try {
            archives.write(owner, zip);
            String key = prefix(export.id()) + FILE;
            storage.put(key, zip, "application/zip");
            if (!service.ready(export, key, Files.size(zip))) {
                storage.deleteAll(prefix(export.id()));
            }
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    @Override
    public void gaveUp(Task task, TaskFailure failure) {
        service.failed(read(json, task.payload()), "The archive could not be built; ask for a new one");
    }
}
