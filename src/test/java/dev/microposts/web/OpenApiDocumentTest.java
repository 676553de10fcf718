package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The API description the application serves is the one checked in as {@code docs/openapi.json}.
 * After changing the API, refresh the copy with {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true}.
 */
class OpenApiDocumentTest extends ApiTest {

    private static final Path CHECKED_IN = Path.of("docs/openapi.json");

    @Test
    void theServedDescriptionMatchesTheCheckedInOne() throws Exception {
        Api.Response served = api.get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        JsonNode description = served.json();
        assertThat(description.get("paths").propertyNames())
                .contains(
                        "/api/v1/users",
                        "/api/v1/token",
                        "/api/v1/users/{username}/collection",
                        "/api/v1/users/{username}/collection/{id}",
                        "/api/v1/me/timeline",
                        "/api/v1/me/following/{username}",
                        "/api/v1/search/posts",
                        "/api/v1/search/accounts");

        JsonNode schemas = description.get("components").get("schemas");
        assertThat(schemas.get("Token").get("properties").propertyNames())
                .as("the description uses the API's snake_case names")
                .contains("access_token", "token_type", "expires_in");
        assertThat(schemas.get("PostView").get("properties").propertyNames()).contains("created_at", "edited_at");
        assertThat(description.at("/paths/~1api~1v1~1users/post/responses").propertyNames())
                .contains("201");

        String pretty = Api.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(description) + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, pretty);
        }
        if (!Files.exists(CHECKED_IN)) {
            fail("docs/openapi.json is missing; run ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true");
        }
        assertThat(Api.JSON.readTree(Files.readString(CHECKED_IN)))
                .as("docs/openapi.json is stale; run ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true")
                .isEqualTo(description);
    }
}
