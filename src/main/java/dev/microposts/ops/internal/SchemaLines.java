package dev.microposts.ops.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schema moves along two lines of migrations. Expand migrations (db/migration) only add what the previous
 * release can live with and run before a rollout; contract migrations (db/contract) take away what only the
 * previous release needed and run once every process is on the new one. Each line keeps its own history table,
 * so a contract migration of one release can follow the expand migrations of the next without Flyway taking it
 * for a migration applied out of order.
 */
final class SchemaLines {

    static final String CONTRACT_LOCATION = "classpath:db/contract";
    static final String CONTRACT_HISTORY = "flyway_contract_history";

    private SchemaLines() {}

    /**
     * Whether this build carries any contract migration. Without one the contract line is left alone: Flyway warns
     * of an empty location on every run, and a normal start logs no warning.
     */
    static boolean carriesContractMigrations(Flyway expand) {
        String pattern = CONTRACT_LOCATION.replace("classpath:", "classpath*:") + "/*.sql";
        try {
            return new PathMatchingResourcePatternResolver(
                                    expand.getConfiguration().getClassLoader())
                            .getResources(pattern)
                            .length
                    > 0;
        } catch (IOException e) {
            return true; // why: let Flyway look for itself and say what it finds
        }
    }

    /**
     * The contract line, configured like the expand one Spring Boot builds from the settings. Its history starts
     * at version 0 on a schema the expand line already filled, because Flyway otherwise refuses a non-empty
     * schema without a history of its own.
     */
    static Flyway contract(Flyway expand) {
        return Flyway.configure(expand.getConfiguration().getClassLoader())
                .configuration(expand.getConfiguration())
                .locations(CONTRACT_LOCATION)
                .table(CONTRACT_HISTORY)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before the first contract migration")
                .load();
    }

    /**
     * Whether the expand line lacks a migration this build carries. Versions this build does not know were applied
     * by a later release (a rollback, or an old process during a rollout) and count as ahead, not as a fault.
     */
    static Optional<SchemaBehind> expandBehind(Flyway expand) {
        MigrationInfoService info = expand.info();
        Optional<MigrationVersion> needed = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
        Optional<MigrationVersion> at = appliedVersion(info);
        if (needed.isEmpty() || (at.isPresent() && at.get().compareTo(needed.get()) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new SchemaBehind(
                at.map(MigrationVersion::getVersion).orElse(null), needed.get().getVersion()));
    }

    /** One line saying where a line stands, e.g. {@code the schema is at version 20 (media uploads), none pending}. */
    static String standing(Flyway line) {
        MigrationInfoService info = line.info();
        Optional<MigrationInfo> current = Arrays.stream(info.applied())
                .filter(m -> m.getState().isApplied() && !m.getState().isFailed() && m.getVersion() != null)
                .max(Comparator.comparing(MigrationInfo::getVersion));
        int pending = info.pending().length;
        return current.map(m -> "the schema is at version " + m.getVersion() + " (" + m.getDescription() + ")")
                        .orElse("the schema is at version none (nothing applied yet)")
                + ", " + (pending == 0 ? "none" : String.valueOf(pending)) + " pending";
    }

    private static Optional<MigrationVersion> appliedVersion(MigrationInfoService info) {
        return Arrays.stream(info.applied())
                .filter(m -> m.getState().isApplied() && !m.getState().isFailed())
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /** The expand line is older than this build; the message names the command that brings it up to date. */
    static final class SchemaBehind extends IllegalStateException {

        private final String at;
        private final String needed;

        SchemaBehind(String at, String needed) {
            super((at == null ? "The database schema is empty" : "The database schema is at version " + at)
                    + " but this release needs " + needed + ". Run `java -jar microposts.jar migrate --expand`"
                    + " (the migrate one-off in compose or Kubernetes) before starting it.");
            this.at = at;
            this.needed = needed;
        }

        String at() {
            return at;
        }

        String needed() {
            return needed;
        }
    }
}
