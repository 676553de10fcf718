package dev.microposts.ops.internal;

import dev.microposts.engines.BackingServices;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * What a process does to the schema as it starts. On the embedded PostgreSQL the process owns the database, so it
 * applies both lines itself. On a shared one, other processes of the previous release may still be running, so a
 * start never changes the schema: the operator expands it before a rollout and contracts it after, and a process
 * whose build needs a newer schema refuses to start rather than fail on its first query. The migrate command does
 * its work here too, because other components query the database as the process starts.
 */
@Component
class SchemaAtStart implements FlywayMigrationStrategy {

    private final boolean databaseEmbedded;
    private final Optional<List<String>> migrateCommand;
    private volatile SchemaMigration.Report commandReport;

    SchemaAtStart(
            BackingServices services,
            // why: set by the launcher to the command line of migrate, the one start that may change a shared schema
            @Value("${microposts.schema.migrate-command:#{null}}") String migrateCommand) {
        this.databaseEmbedded = services.databaseEmbedded();
        this.migrateCommand = Optional.ofNullable(migrateCommand)
                .map(line -> Arrays.stream(line.strip().split("\\s+")).skip(1).toList());
    }

    @Override
    public void migrate(Flyway expand) {
        if (migrateCommand.isPresent()) {
            SchemaMigration.Report report = SchemaMigration.run(migrateCommand.get(), expand);
            if (report.exitCode() != 0) {
                throw new SchemaMigration.Refused(report);
            }
            commandReport = report;
        } else if (databaseEmbedded) {
            expand.migrate();
            if (SchemaLines.carriesContractMigrations(expand)) {
                SchemaLines.contract(expand).migrate();
            }
        } else {
            SchemaLines.expandBehind(expand).ifPresent(behind -> {
                throw behind;
            });
        }
    }

    /** What the migrate command did as the process started, if it was started as that command. */
    Optional<SchemaMigration.Report> commandReport() {
        return Optional.ofNullable(commandReport);
    }
}
