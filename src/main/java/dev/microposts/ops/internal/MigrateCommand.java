package dev.microposts.ops.internal;

import dev.microposts.ops.AdminCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.stereotype.Component;

/**
 * {@code migrate}: brings the database schema up to date and says where it stands. Migrations also
 * run at every start; this lets an operator run them on their own, before starting new versions.
 */
@Component
class MigrateCommand implements AdminCommand {

    private final Flyway flyway;

    MigrateCommand(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "apply pending database migrations and print the schema version";
    }

    @Override
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo current = flyway.info().current();
        out.println("Applied " + applied + " migration(s); the schema is at version "
                + (current == null ? "none" : current.getVersion() + " (" + current.getDescription() + ")"));
        return 0;
    }
}
