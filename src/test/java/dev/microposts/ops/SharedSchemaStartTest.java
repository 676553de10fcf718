package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.AppProcess;
import dev.microposts.support.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process on a shared PostgreSQL, as an operator starts one: it never changes the schema itself, refuses a schema
 * older than its build with one line naming the command to run, and starts once that command has run, also when a
 * later release has already expanded the schema further.
 */
class SharedSchemaStartTest {

    @Test
    void aProcessStartsOnASharedDatabaseOnlyOnceTheSchemaIsExpanded(@TempDir Path root) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(root.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start()) {
            Map<String, String> shared = Map.of(
                    "DATABASE_URL", "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres");
            Map<String, String> service = new HashMap<>(shared);
            service.put("PORT", String.valueOf(Ports.free()));
            Path dataDir = Files.createDirectories(root.resolve("data"));

            AppProcess.Command refused =
                    AppProcess.runCommand(dataDir, root.resolve("refused.log"), service, List.of());
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output())
                    .contains("The database schema is empty but this release needs ")
                    .contains("Run `java -jar microposts.jar migrate --expand` (the migrate one-off in compose or"
                            + " Kubernetes) before starting it.")
                    .doesNotContain("\tat ", "Exception in thread");
            JdbcClient database = JdbcClient.create(postgres.getPostgresDatabase());
            assertThat(database.sql("select count(*) from information_schema.tables where table_schema = 'public'")
                            .query(Integer.class)
                            .single())
                    .as("the refused start changed nothing")
                    .isZero();

            AppProcess.Command contractFirst = AppProcess.runCommand(
                    dataDir, root.resolve("contract.log"), shared, List.of("migrate", "--contract"));
            assertThat(contractFirst.exitCode()).as(contractFirst.output()).isEqualTo(1);
            assertThat(contractFirst.output())
                    .contains("Refused: contract migrations follow the expand ones, and those are not complete")
                    .doesNotContain("\tat ", "Exception in thread");
            AppProcess.Command misspelt =
                    AppProcess.runCommand(dataDir, root.resolve("misspelt.log"), shared, List.of("migrate", "--up"));
            assertThat(misspelt.exitCode()).as(misspelt.output()).isEqualTo(2);
            assertThat(misspelt.output()).contains("Unknown option --up. Usage: migrate [--expand | --contract]");

            AppProcess.Command expanded =
                    AppProcess.runCommand(dataDir, root.resolve("expand.log"), shared, List.of("migrate", "--expand"));
            assertThat(expanded.exitCode()).as(expanded.output()).isZero();
            assertThat(expanded.output()).containsPattern("expand: applied [0-9]+ migration\\(s\\)");
            // why: a later release's expand migration, as a rollback or an old process in a rollout meets it
            database.sql("insert into flyway_schema_history (installed_rank, version, description, type, script,"
                            + " checksum, installed_by, execution_time, success) select max(installed_rank) + 1,"
                            + " '99', 'added by a later release', 'SQL', 'V99__added_by_a_later_release.sql', 0,"
                            + " current_user, 0, true from flyway_schema_history")
                    .update();

            try (AppProcess app = AppProcess.start(dataDir, root.resolve("service.log"), shared)) {
                assertThat(app.api().get("/actuator/health/readiness").status()).isEqualTo(200);
            }
        }
    }
}
