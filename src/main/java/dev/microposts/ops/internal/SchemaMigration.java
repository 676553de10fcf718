package dev.microposts.ops.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * What {@code migrate [--expand | --contract]} does to the schema: the expand line before a rollout, the contract
 * line after it (only once the expand line is complete), both for a fresh install; and what it says about it.
 */
final class SchemaMigration {

    static final String EXPAND = "--expand";
    static final String CONTRACT = "--contract";
    static final String USAGE = "Usage: migrate [--expand | --contract]; --expand applies what the running release"
            + " survives, before a rollout; --contract what only the previous release needed, after it; neither"
            + " applies both.";

    private SchemaMigration() {}

    /** What the command printed and its exit code: 0 done, 1 refused by the schema's state, 2 a bad command line. */
    record Report(int exitCode, List<String> lines) {}

    static Report run(List<String> arguments, Flyway expand) {
        if (arguments.size() > 1
                || (arguments.size() == 1
                        && !arguments.get(0).equals(EXPAND)
                        && !arguments.get(0).equals(CONTRACT))) {
            return new Report(2, List.of("Unknown option " + String.join(" ", arguments) + ". " + USAGE));
        }
        boolean both = arguments.isEmpty();
        List<String> lines = new ArrayList<>();
        Flyway contract = SchemaLines.contract(expand);
        if (both || arguments.get(0).equals(EXPAND)) {
            apply(lines, "expand", expand);
        }
        if (both || arguments.get(0).equals(CONTRACT)) {
            Optional<SchemaLines.SchemaBehind> behind = SchemaLines.expandBehind(expand);
            if (behind.isPresent()) {
                lines.add("Refused: contract migrations follow the expand ones, and those are not complete: "
                        + behind.get().getMessage().replace(" before starting it.", " first."));
                return new Report(1, lines);
            }
            if (SchemaLines.carriesContractMigrations(expand)) {
                apply(lines, "contract", contract);
            } else {
                lines.add("contract: this release has no contract migration; " + SchemaLines.standing(expand));
            }
        } else if (SchemaLines.carriesContractMigrations(expand)) {
            lines.add("contract: not run; " + SchemaLines.standing(contract));
        } else {
            lines.add("contract: not run; this release has no contract migration");
        }
        return new Report(0, lines);
    }

    private static void apply(List<String> lines, String line, Flyway flyway) {
        MigrateResult result = flyway.migrate();
        result.migrations.forEach(m -> lines.add("  " + line + " " + m.version + " (" + m.description + ")"));
        lines.add(line + ": applied " + result.migrationsExecuted + " migration(s); " + SchemaLines.standing(flyway));
    }

    /** The command refused to change the schema; the process stops with the command's exit code and its reason. */
    static final class Refused extends IllegalStateException implements org.springframework.boot.ExitCodeGenerator {

        private final int exitCode;

        Refused(Report report) {
            super(String.join("\n", report.lines()));
            this.exitCode = report.exitCode();
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }
}
