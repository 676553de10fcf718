package dev.microposts.web;

import static dev.microposts.web.ApiErrorsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every response names the build that answered it in {@code X-MicroPosts-Version}, whatever answered: a
 * controller, a page, the static files, the error answers of the filters and of Spring Security, the actuator.
 * The expected label is read here from the build's own records, not from the application.
 */
class VersionHeaderTest extends ApiTest {

    private static final Pattern LINKED_ASSET = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");

    private static String version;
    private static String commit;

    @BeforeAll
    static void readTheBuildsRecords() throws IOException {
        version = load("META-INF/build-info.properties").getProperty("build.version");
        commit = load("git.properties").getProperty("git.commit.id.abbrev");
        assertThat(version).as("the build's version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(commit).as("the build's commit").matches("[0-9a-f]{7,}");
    }

    @Test
    void aJsonAnswerCarriesTheVersion() {
        Api.User alice = api.newUser("versioned");

        Api.Response response = api.get("/api/v1/users/" + alice.username());

        assertThat(response.status()).isEqualTo(200);
        assertVersioned(response);
    }

    @Test
    void aPageAndTheStaticFilesItLinksCarryTheVersion() {
        Api.Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertVersioned(page);

        Matcher asset = LINKED_ASSET.matcher(page.body());
        assertThat(asset.find())
                .as("the home page links a stylesheet or a script")
                .isTrue();
        Api.Response file = api.get(asset.group(1));
        assertThat(file.status()).as(asset.group(1)).isEqualTo(200);
        assertVersioned(file);
    }

    @Test
    void aProblemForAMissingUserCarriesTheVersion() {
        Api.Response response = api.get("/api/v1/users/nobody-by-this-name");

        assertProblem(response, 404);
        assertVersioned(response);
    }

    @Test
    void aRefusalOfSpringSecurityCarriesTheVersion() {
        Api.Response response = api.get("/api/v1/me");

        assertProblem(response, 401);
        assertVersioned(response);
    }

    @Test
    void aBodyRefusedUnreadCarriesTheVersion() {
        Api.User alice = api.newUser("versionhuge");
        String huge = "{\"text\": \"" + "a".repeat(70 * 1024) + "\"}";

        Api.Response response = api.post("/api/v1/me/collection", huge, alice.token());

        assertProblem(response, 413);
        assertVersioned(response);
    }

    @Test
    void aFailureTheGuardTurnsInto503CarriesTheVersion() {
        Api.Response response = api.get(FailuresOnPurpose.FILTER + "broker");

        assertProblem(response, 503);
        assertVersioned(response);
    }

    @Test
    void theActuatorCarriesTheVersionAndTellsTheSameBuildAndCommit() {
        Api.Response response = api.get("/actuator/info");

        assertThat(response.status()).isEqualTo(200);
        assertVersioned(response);
        JsonNode info = response.json();
        assertThat(info.path("build").path("version").asString()).isEqualTo(version);
        assertThat(info.path("git").path("commit").path("id").asString()).isEqualTo(commit);
    }

    private static void assertVersioned(Api.Response response) {
        assertThat(response.header("X-MicroPosts-Version"))
                .as("the version header of %s", response)
                .isEqualTo(version + "+" + commit);
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionHeaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
