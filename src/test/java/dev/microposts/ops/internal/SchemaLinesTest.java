package dev.microposts.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.engines.BackingServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two lines of migrations and the start-up rule on a real PostgreSQL, one server for all cases and a database
 * of its own for each, with Flyway configured as the settings configure it.
 */
class SchemaLinesTest {

    /** The newest expand migration this build carries, which a process on a shared database needs. */
    private static final String NEWEST_FILE = newestExpand();

    private static final String NEWEST_EXPAND = NEWEST_FILE.substring(1, NEWEST_FILE.indexOf("__"));

    /** As Flyway describes it: the file's name after the version, its underscores made spaces. */
    private static final String NEWEST_DESCRIPTION = NEWEST_FILE
            .substring(NEWEST_FILE.indexOf("__") + 2, NEWEST_FILE.length() - ".sql".length())
            .replace('_', ' ');

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void aProcessOnASharedDatabaseRefusesAnEmptySchemaAndLeavesItAlone() {
        DataSource database = newDatabase();
        Flyway expand = expand(database);

        assertThatThrownBy(() -> splitMode().migrate(expand))
                .isInstanceOf(SchemaLines.SchemaBehind.class)
                .hasMessage("The database schema is empty but this release needs " + NEWEST_EXPAND
                        + ". Run `java -jar microposts.jar migrate --expand` (the migrate one-off in compose or"
                        + " Kubernetes) before starting it.");
        assertThat(tables(database)).as("a start never changes a shared schema").isEmpty();
    }

    @Test
    void theRefusalIsOneMessageNamingTheCommand() {
        SchemaLines.SchemaBehind behind = new SchemaLines.SchemaBehind("20", "21");
        FailureAnalysis analysis = new SchemaFailureAnalyzer()
                .analyze(new BeanCreationException("flywayInitializer", "init failed", behind));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("The database schema is at version 20 but this release needs 21. Run `java -jar"
                        + " microposts.jar migrate --expand`");
        assertThat(analysis.getAction()).contains("migrate --expand");
    }

    @Test
    void aSchemaOneExpandMigrationBehindIsRefusedAndAnExpandedOneStarts() {
        DataSource database = newDatabase();
        settings(getClass().getClassLoader())
                .dataSource(database)
                .locations("classpath:db/migration")
                .target("19")
                .load()
                .migrate();

        assertThatThrownBy(() -> splitMode().migrate(expand(database)))
                .hasMessageStartingWith(
                        "The database schema is at version 19 but this release needs " + NEWEST_EXPAND + ".");

        expand(database).migrate();
        splitMode().migrate(expand(database));
    }

    @Test
    void aSchemaALaterReleaseExpandedStillLetsThisBuildStartAndMigrate() {
        DataSource database = newDatabase();
        settings(getClass().getClassLoader())
                .dataSource(database)
                .locations("classpath:db/migration", "classpath:db/later-release")
                .load()
                .migrate();

        splitMode().migrate(expand(database));
        assertThat(command(database, "--expand").output())
                .contains("expand: applied 0 migration(s); the schema is at version 99 (added by a later release)");
        embeddedMode().migrate(expand(database));
    }

    @Test
    void onTheEmbeddedDatabaseAStartAppliesBothLinesAndTheContractFolderHoldsNoMigrationYet() {
        DataSource database = newDatabase();

        embeddedMode().migrate(expand(database));

        assertThat(SchemaLines.standing(expand(database)))
                .startsWith("the schema is at version " + NEWEST_EXPAND + " ")
                .endsWith(", none pending");
        assertThat(tables(database)).contains("flyway_schema_history");
        assertThat(SchemaLines.carriesContractMigrations(expand(database))).isFalse();
        assertThat(tables(database))
                .as("the contract line is left alone while it has nothing to apply")
                .doesNotContain(SchemaLines.CONTRACT_HISTORY);
    }

    @Test
    void migrateContractBeforeExpandRefusesAndChangesNothing() {
        DataSource database = newDatabase();

        Run run = command(database, "--contract");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("Refused: contract migrations follow the expand ones, and those are not complete: The"
                        + " database schema is empty but this release needs " + NEWEST_EXPAND)
                .contains("migrate --expand` (the migrate one-off in compose or Kubernetes) first.");
        assertThat(tables(database)).isEmpty();
    }

    @Test
    void migrateExpandThenContractAppliesEachLineAndSaysWhereBothStand() {
        DataSource database = newDatabase();

        Run expanded = command(database, "--expand");
        assertThat(expanded.exitCode()).as(expanded.output()).isZero();
        assertThat(expanded.output())
                .contains("  expand 1 (accounts)\n")
                .contains("expand: applied " + NEWEST_EXPAND + " migration(s); the schema is at version "
                        + NEWEST_EXPAND + " (" + NEWEST_DESCRIPTION + "), none pending")
                .contains("contract: not run; this release has no contract migration");
        assertThat(tables(database)).doesNotContain(SchemaLines.CONTRACT_HISTORY);

        Run contracted = command(database, "--contract");
        assertThat(contracted.exitCode()).as(contracted.output()).isZero();
        assertThat(contracted.output())
                .doesNotContain("expand:")
                .contains("contract: this release has no contract migration");
        assertThat(tables(database))
                .as("an empty line leaves no history behind")
                .doesNotContain(SchemaLines.CONTRACT_HISTORY);
    }

    @Test
    void aContractMigrationRunsOnItsOwnLineOnlyOnceTheExpandLineIsComplete(@TempDir Path classes) throws Exception {
        Path contract = Files.createDirectories(classes.resolve("db/contract"));
        Files.writeString(contract.resolve("V1__drop_old_columns.sql"), "create table contract_done (id int);");
        DataSource database = newDatabase();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Flyway expand = settings(loader)
                    .dataSource(database)
                    .locations("classpath:db/migration")
                    .load();

            assertThat(SchemaMigration.run(List.of("--contract"), expand).exitCode())
                    .isEqualTo(1);
            assertThat(tables(database)).isEmpty();

            SchemaMigration.Report expanded = SchemaMigration.run(List.of("--expand"), expand);
            assertThat(String.join("\n", expanded.lines())).contains("contract: not run;", "1 pending");
            assertThat(tables(database)).doesNotContain("contract_done");

            SchemaMigration.Report contracted = SchemaMigration.run(List.of("--contract"), expand);
            assertThat(contracted.exitCode()).isZero();
            assertThat(contracted.lines())
                    .contains(
                            "  contract 1 (drop old columns)",
                            "contract: applied 1 migration(s); the schema is at version 1 (drop old columns), none"
                                    + " pending");
            assertThat(tables(database)).contains("contract_done", SchemaLines.CONTRACT_HISTORY);
        }
    }

    @Test
    void migrateAloneAppliesBothLines() {
        DataSource database = newDatabase();

        Run run = command(database);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("expand: applied " + NEWEST_EXPAND + " migration(s)")
                .contains("contract: this release has no contract migration");
    }

    @Test
    void anUnknownOptionGetsTheUsageAndTouchesNothing() {
        DataSource database = newDatabase();

        for (List<String> arguments : List.of(List.of("--expnad"), List.of("--expand", "--contract"))) {
            Run run = command(database, arguments.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).startsWith("Unknown option ").contains("Usage: migrate [--expand | --contract]");
        }
        assertThat(tables(database)).isEmpty();
    }

    @Test
    void startedAsTheMigrateCommandTheProcessMigratesFirstOrStopsWithTheCommandsExitCode() {
        DataSource database = newDatabase();
        SchemaAtStart contractFirst = new SchemaAtStart(splitServices(), "migrate --contract");
        assertThatThrownBy(() -> contractFirst.migrate(expand(database)))
                .isInstanceOfSatisfying(SchemaMigration.Refused.class, refused -> assertThat(refused.getExitCode())
                        .isEqualTo(1))
                .hasMessageContaining("Refused: contract migrations follow the expand ones");
        SchemaAtStart misspelt = new SchemaAtStart(splitServices(), "migrate --expnad");
        assertThatThrownBy(() -> misspelt.migrate(expand(database)))
                .isInstanceOfSatisfying(SchemaMigration.Refused.class, refused -> assertThat(refused.getExitCode())
                        .isEqualTo(2));
        assertThat(tables(database)).isEmpty();

        SchemaAtStart expanding = new SchemaAtStart(splitServices(), "migrate --expand");
        expanding.migrate(expand(database));

        assertThat(expanding.commandReport().orElseThrow().lines())
                .contains("expand: applied " + NEWEST_EXPAND + " migration(s); the schema is at version "
                        + NEWEST_EXPAND + " (" + NEWEST_DESCRIPTION + "), none pending");
        assertThat(new MigrateCommand(expand(database), expanding)
                        .run(List.of("--expand"), new BufferedReader(new StringReader("")), System.out))
                .isZero();
    }

    private static BackingServices splitServices() {
        return new BackingServices(Path.of("data"), false, "localhost", false, "tcp://localhost:61616");
    }

    private static SchemaAtStart splitMode() {
        return new SchemaAtStart(
                new BackingServices(Path.of("data"), false, "localhost", false, "tcp://localhost:61616"), null);
    }

    private static SchemaAtStart embeddedMode() {
        return new SchemaAtStart(
                new BackingServices(Path.of("data"), true, "data/postgres", true, "data/broker"), null);
    }

    /**
     * Flyway as {@code application.yml} sets it up: its lock on the session, not in a transaction, which an index
     * built concurrently would wait on for ever.
     */
    private static FluentConfiguration settings(ClassLoader loader) {
        return Flyway.configure(loader).configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    private static Flyway expand(DataSource database) {
        return settings(SchemaLinesTest.class.getClassLoader())
                .dataSource(database)
                .locations("classpath:db/migration")
                .load();
    }

    private record Run(int exitCode, String output) {}

    private static Run command(DataSource database, String... arguments) {
        SchemaMigration.Report report = SchemaMigration.run(List.of(arguments), expand(database));
        return new Run(report.exitCode(), String.join("\n", report.lines()) + "\n");
    }

    private static DataSource newDatabase() {
        String name = "schema_lines_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.getDatabase("postgres", name);
    }

    private static List<String> tables(DataSource database) {
        return JdbcClient.create(database)
                .sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list();
    }

    private static String newestExpand() {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .max(java.util.Comparator.comparingInt(
                            name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
