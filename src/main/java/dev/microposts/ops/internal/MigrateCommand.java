package dev.microposts.ops.internal;

import dev.microposts.ops.AdminCommand;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * {@code migrate}: brings the database schema up to date and says where each line of migrations stands. On a
 * shared database this is the only way the schema changes: expand before a rollout, contract after it, both at
 * once for a fresh install.
 */
@Component
class MigrateCommand implements AdminCommand {

    private final Flyway expand;
    private final SchemaAtStart atStart;

    MigrateCommand(Flyway expand, SchemaAtStart atStart) {
        this.expand = expand;
        this.atStart = atStart;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String arguments() {
        return "[--expand | --contract]";
    }

    @Override
    public String description() {
        return "apply pending database migrations (both lines by default) and print the schema version";
    }

    @Override
    public int run(List<String> arguments, BufferedReader in, PrintStream out) {
        // why: started as the command, the process already migrated, before anything could query the old schema
        SchemaMigration.Report report = atStart.commandReport().orElseGet(() -> SchemaMigration.run(arguments, expand));
        report.lines().forEach(out::println);
        return report.exitCode();
    }
}
