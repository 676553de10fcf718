package dev.microposts.media.internal;

import dev.microposts.ops.AdminCommand;
import dev.microposts.storage.Storage;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code media-reprocess}, {@code media-failed} and {@code media-purge-orphans}. */
@Configuration(proxyBeanMethods = false)
class MediaAdminCommands {

    @Bean
    AdminCommand mediaReprocess(MediaStore store, Storage storage, PartTasks partTasks) {
        return new Command("media-reprocess", "<media-id>", "run a media item through the pipeline again") {
            @Override
            public int run(List<String> arguments, BufferedReader in, PrintStream out) {
                UUID id = arguments.size() == 1 ? uuid(arguments.get(0)) : null;
                if (id == null || !store.exists(id)) {
                    out.println("Usage: media-reprocess <media-id> (an existing item)");
                    return 2;
                }
                List<String> old = store.reset(id);
                partTasks.sendOrLeave(id, MediaStore.PROBE);
                old.forEach(storage::delete);
                out.println("Reprocessing " + id + " (" + old.size() + " old file(s) removed)");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand mediaFailed(MediaStore store) {
        return new Command("media-failed", "[limit]", "list failed media items, newest first, with reasons") {
            @Override
            public int run(List<String> arguments, BufferedReader in, PrintStream out) {
                int limit = arguments.isEmpty() ? 50 : Integer.parseInt(arguments.get(0));
                List<MediaStore.Item> failed = store.failed(limit);
                failed.forEach(item -> out.println(
                        item.id() + "  " + item.createdAt() + "  owner " + item.ownerId() + "  " + item.reason()));
                out.println(failed.size() + " failed item(s)");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand mediaPurgeOrphans(MediaStore store, Storage storage) {
        return new Command(
                "media-purge-orphans",
                "[--dry-run]",
                "delete stored files no media item refers to (left by crashed or superseded attempts)") {
            @Override
            public int run(List<String> arguments, BufferedReader in, PrintStream out) {
                boolean dryRun = arguments.contains("--dry-run");
                int purged = 0;
                for (String key : storage.list("media")) {
                    UUID id = MediaKeys.itemOf(key).orElse(null);
                    boolean orphan;
                    if (id == null || !store.exists(id)) {
                        orphan = true;
                    } else if (MediaKeys.isSource(key)) {
                        orphan = false;
                    } else {
                        // why: files of a running attempt are not referenced yet; only finished items are judged
                        orphan = store.find(id)
                                        .map(i -> !i.status().equals("processing"))
                                        .orElse(true)
                                && !store.outputExists(key);
                    }
                    if (orphan) {
                        out.println((dryRun ? "would delete " : "deleted ") + key);
                        if (!dryRun) {
                            storage.delete(key);
                        }
                        purged++;
                    }
                }
                out.println(purged + " orphaned file(s)" + (dryRun ? " found" : " deleted"));
                return 0;
            }
        };
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private abstract static class Command implements AdminCommand {
        private final String name;
        private final String arguments;
        private final String description;

        Command(String name, String arguments, String description) {
            this.name = name;
            this.arguments = arguments;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String arguments() {
            return arguments;
        }

        @Override
        public String description() {
            return description;
        }
    }
}
