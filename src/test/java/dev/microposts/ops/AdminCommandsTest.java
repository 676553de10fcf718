package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.MicroPostsApplicationAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin commands run as the jar does them: a process started with a command instead of the service,
 * on the same data, without serving HTTP. Each call below is a separate start of the application.
 */
class AdminCommandsTest {

    @TempDir
    Path dataDir;

    @Test
    void migratesCreatesUsersGrantsAdminsAndRefusesBadInputWithAReason() {
        Result migrated = run("", "migrate");
        assertThat(migrated.exitCode()).isZero();
        assertThat(migrated.output()).contains("the schema is at version");

        Result created = run("violet-otter-lantern-42\n", "create-user", "operator", "--display-name=The Operator");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("Created user 'operator'");

        Result again = run("violet-otter-lantern-42\n", "create-user", "operator");
        assertThat(again.exitCode()).as("the account persisted across starts").isEqualTo(2);
        assertThat(again.output()).contains("already taken");

        Result weak = run("password1\n", "create-user", "someone");
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.output()).contains("password", "too common");

        Result granted = run("", "grant-admin", "OPERATOR");
        assertThat(granted.exitCode()).as(granted.output()).isZero();
        assertThat(granted.output()).contains("'operator' is now an admin");
        Result revoked = run("", "revoke-admin", "operator");
        assertThat(revoked.exitCode()).as(revoked.output()).isZero();
        assertThat(revoked.output()).contains("'operator' is no longer an admin");
        Result nobody = run("", "grant-admin", "nobody-here");
        assertThat(nobody.exitCode()).isEqualTo(2);
        assertThat(nobody.output()).contains("No user named 'nobody-here'");
        assertThat(run("", "grant-admin").exitCode()).isEqualTo(2);
    }

    @Test
    void listsTheCommandsAndRefusesUnknownOnes() {
        Result help = run("", "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("migrate", "create-user");

        Result unknown = run("", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(AdminCommands.USAGE);
        assertThat(unknown.output()).contains("Unknown command 'frobnicate'");
    }

    private Result run(String stdin, String... command) {
        String[] args = new String[command.length + 2];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--microposts.data-dir=" + dataDir;
        args[command.length + 1] = "--spring.main.banner-mode=off";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = MicroPostsApplicationAccess.runAdminCommand(
                args, stdin, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Result(exitCode, output.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {}
}
