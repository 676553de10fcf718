package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.ops.AdminCommands;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.PageSession;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A member who forgot their password gets a new one from the operator: the old password, every API token and
 * every page session stop working at once, and the printed password signs them in.
 */
class ResetPasswordCommandTest extends ApiTest {

    private static final Pattern NEW_PASSWORD = Pattern.compile("New password \\(shown only now\\): (\\S+)");

    @Autowired
    AdminCommands commands;

    @Test
    void givesANewPasswordAndEndsEveryTokenAndSession() {
        Api.User member = api.newUser("forgot");
        PageSession page = PageSession.signIn(api, member.username(), Api.STRONG_PASSWORD);
        assertThat(page.signedIn()).isTrue();
        assertThat(api.get("/api/v1/me", member.token()).status()).isEqualTo(200);

        String output = run("reset-password", member.username().toUpperCase());

        assertThat(output).contains("Reset the password of '" + member.username() + "'");
        Matcher printed = NEW_PASSWORD.matcher(output);
        assertThat(printed.find()).as(output).isTrue();
        assertThat(api.get("/api/v1/me", member.token()).status())
                .as("the old token")
                .isEqualTo(401);
        assertThat(page.signedIn()).as("the old page session").isFalse();
        assertThat(login(member.username(), Api.STRONG_PASSWORD))
                .as("the old password")
                .isEqualTo(401);
        assertThat(login(member.username(), printed.group(1)))
                .as("the new password")
                .isEqualTo(200);
    }

    @Test
    void refusesAnUnknownUserOrAMissingName() {
        assertThat(run("reset-password", "nobody_by_that_name")).contains("No user named 'nobody_by_that_name'");
        assertThat(run("reset-password")).contains("Usage: reset-password <username>");
    }

    private int login(String username, String password) {
        return api.post("/api/v1/token", Map.of("username", username, "password", password), null)
                .status();
    }

    private String run(String... command) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        commands.run(
                List.of(command),
                new BufferedReader(new StringReader("")),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        return output.toString(StandardCharsets.UTF_8);
    }
}
