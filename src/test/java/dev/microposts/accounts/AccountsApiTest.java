package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

    @Test
    void searchFindsPeopleByUsernameAndDisplayNameBestMatchesFirst() {
        // why: letters only, so no character is a LIKE wildcard, and random, so unlike any other test's users
        String name = "Zq" + letters(8);
        String exact = register(name, "Someone");
        String startsWith = register(name + "_fan", "A fan");
        String lookalike = register(name + "xfan", "Another fan");
        String wordInDisplayName = register(unique("dn"), "Carol " + name + "son");
        String insideUsername = register("the" + name, "Third");
        String insideDisplayName = register(unique("dm"), "Mc" + name.toLowerCase() + "y");

        Api.Response found = api.get("/api/v1/search/accounts?q=" + name.toUpperCase());

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().findValuesAsString("username"))
                .as("the username itself, then usernames starting with it, then a word of a display name, then"
                        + " the rest, newest first within each")
                .containsExactly(exact, lookalike, startsWith, wordInDisplayName, insideDisplayName, insideUsername);
        JsonNode first = found.json().get(0);
        assertThat(first.get("display_name").asString()).isEqualTo("Someone");
        assertThat(first.get("href").asString()).endsWith("/api/v1/users/" + exact);
        assertThat(api.get("/api/v1/search/accounts?q=%40" + name).json().findValuesAsString("username"))
                .as("a leading @ is ignored")
                .startsWith(exact);
        assertThat(api.get("/api/search/accounts?q=" + name).json()).hasSize(6);
        assertThat(api.get("/api/v1/search/accounts?q=" + name + "_fan").json().findValuesAsString("username"))
                .as("an underscore is a character, not a wildcard")
                .containsExactly(startsWith);
        assertThat(api.get("/api/v1/search/accounts?q=" + name + "son").json().findValuesAsString("username"))
                .containsExactly(wordInDisplayName);

        Api.Response firstPage = api.get("/api/v1/search/accounts?q=" + name + "&limit=4");
        assertThat(firstPage.json()).hasSize(4);
        assertThat(firstPage.nextLink()).isNotNull();
        Api.Response secondPage = api.get(firstPage.nextLink());
        assertThat(secondPage.json().findValuesAsString("username")).containsExactly(insideDisplayName, insideUsername);
        assertThat(secondPage.nextLink()).isNull();
    }

    @Test
    void searchForPeopleFindsDisplayNamesWhateverTheirCase() {
        String tail = letters(6);
        String user = register(unique("uni"), "Élodie Ångström" + tail);

        assertThat(api.get("/api/v1/search/accounts?q="
                                + URLEncoder.encode("élodie ångström" + tail, StandardCharsets.UTF_8))
                        .json()
                        .findValuesAsString("username"))
                .containsExactly(user);
    }

    @Test
    void searchForPeopleRefusesAnEmptyOrOverlongQuery() {
        for (String query : new String[] {"", "%20%20", "%40", "x".repeat(201)}) {
            Api.Response refused = api.get("/api/v1/search/accounts?q=" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("q");
        }
        assertThat(api.get("/api/v1/search/accounts").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/search/accounts?q=%25").status())
                .as("a percent sign is only a character")
                .isEqualTo(200);
    }

    /** Registers a user with this username and display name, and answers the username. */
    private String register(String username, String displayName) {
        Api.Response registered = api.post(
                "/api/v1/users",
                Map.of("username", username, "password", Api.STRONG_PASSWORD, "display_name", displayName),
                null);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return username;
    }

    private void assertFieldError(Map<String, String> registration, String field) {
        Api.Response response = api.post("/api/v1/users", registration, null);
        assertThat(response.status()).as(registration + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
