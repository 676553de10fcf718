package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * Every expand migration not yet released follows the expand rules, so the release before it survives a rollout
 * on the schema it leaves.
 */
class ExpandMigrationsTest {

    /**
     * The newest expand migration already released (V1 to V20 went out in 0.1.0, V21 in 0.2.0). Those ran on every deployment before
     * the rules existed, and changing them would change checksums Flyway has recorded, so they are judged no more.
     * Raise it when a release is cut, to that release's newest expand migration.
     */
    static final MigrationVersion RELEASED_THROUGH = MigrationVersion.fromVersion("21");

    private static final Path EXPAND = Path.of("src/main/resources/db/migration");
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql");

    @Test
    void everyUnreleasedExpandMigrationLeavesASchemaThePreviousReleaseSurvives() throws Exception {
        List<String> violations = new ArrayList<>();
        int versioned = 0;
        try (Stream<Path> files = Files.list(EXPAND)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = VERSIONED.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                versioned++;
                if (MigrationVersion.fromVersion(name.group(1)).isNewerThan(RELEASED_THROUGH)) {
                    violations.addAll(ExpandRules.violations(file.getFileName().toString(), Files.readString(file)));
                }
            }
        }

        assertThat(versioned).as("expand migrations found in " + EXPAND).isGreaterThanOrEqualTo(20);
        assertThat(violations)
                .as("expand migrations that would break the running release")
                .isEmpty();
    }
}
