package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountsApiTest extends ApiTest {

    @Test
    void registersLogsInAndShowsTheProfile() {
        String username = unique("Reg");
        Api.Response registered = api.post(
                "/api/v1/users",
                Map.of("username", username, "password", Api.STRONG_PASSWORD, "display_name", "Régine 🎬"),
                null);

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Location")).endsWith("/api/v1/users/" + username);
        assertThat(registered.body()).doesNotContain("password");

        Api.Response token = api.post(
                "/api/v1/token", Map.of("username", username.toLowerCase(), "password", Api.STRONG_PASSWORD), null);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(30L * 24 * 3600);

        JsonNode profile = api.get("/api/v1/users/" + username).json();
        assertThat(profile.get("display_name").asString()).isEqualTo("Régine 🎬");
        assertThat(api.get("/api/users/" + username.toUpperCase())
                        .json()
                        .get("username")
                        .asString())
                .isEqualTo(username);

        JsonNode me = api.get("/api/v1/me", token.json().get("access_token").asString())
                .json();
        assertThat(me.get("username").asString()).isEqualTo(username);
    }

    @Test
    void usernamesAreUniqueWhateverTheirCase() {
        String username = unique("dup");
        api.post("/api/v1/users", Map.of("username", username, "password", Api.STRONG_PASSWORD), null);

        Api.Response again = api.post(
                "/api/v1/users", Map.of("username", username.toUpperCase(), "password", Api.STRONG_PASSWORD), null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already taken");
    }

    @Test
    void refusesBadUsernamesAndWeakPasswordsWithFieldErrors() {
        assertFieldError(Map.of("username", "a", "password", Api.STRONG_PASSWORD), "username");
        assertFieldError(
                Map.of("username", "robert'); drop table users;--", "password", Api.STRONG_PASSWORD), "username");
        assertFieldError(Map.of("username", "Admin", "password", Api.STRONG_PASSWORD), "username");
        assertFieldError(Map.of("username", unique("short"), "password", "abc123"), "password");
        assertFieldError(Map.of("username", unique("common"), "password", "password"), "password");
        assertFieldError(Map.of("username", unique("common"), "password", "Password123!"), "password");
        assertFieldError(Map.of("username", unique("common"), "password", "qwertyuiop"), "password");
        String username = unique("self");
        assertFieldError(Map.of("username", username, "password", username + "-2026"), "password");
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameAnswer() {
        Api.User user = api.newUser("wrongpw");

        Api.Response wrongPassword =
                api.post("/api/v1/token", Map.of("username", user.username(), "password", "not the password"), null);
        Api.Response unknownUser =
                api.post("/api/v1/token", Map.of("username", unique("ghost"), "password", "not the password"), null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownUser.json().get("detail"));
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        Api.User user = api.newUser("revoke");
        assertThat(api.get("/api/v1/me", user.token()).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/token", user.token()).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", user.token()).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/token", user.token()).status()).isEqualTo(401);
    }

    @Test
    void editsTheProfile() {
        Api.User user = api.newUser("profile");

        Api.Response updated = api.patch("/api/v1/me", Map.of("bio", "Films <b>and</b> cats"), user.token());

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("bio").asString()).isEqualTo("Films <b>and</b> cats");
        assertThat(updated.json().get("display_name").asString()).isEqualTo(user.username());
        assertThat(api.patch("/api/v1/me", Map.of("display_name", "x".repeat(51)), user.token())
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/v1/me", Map.of("password", "sneaky"), user.token())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void unknownUsersAre404() {
        Api.Response response = api.get("/api/v1/users/" + unique("nobody"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).contains("no user named");
    }

    private void assertFieldError(Map<String, String> registration, String field) {
        Api.Response response = api.post("/api/v1/users", registration, null);
        assertThat(response.status()).as(registration + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
