package dev.microposts.web.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs}, generated from the controllers. A checked-in
 * copy lives in {@code docs/openapi.json}; a test fails when the two drift apart.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /**
     * The API speaks snake_case (see {@code spring.jackson.property-naming-strategy}); the schema
     * generator has a JSON mapper of its own, told the same here.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** What is retiring says so in the description too, for the developers who read it rather than headers. */
    @Bean
    OperationCustomizer retiringOperations() {
        return (operation, handler) -> {
            RetiringHandlers.markOf(handler).ifPresent(mark -> operation
                    .deprecated(true)
                    .description((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                            + "Retiring since " + mark.since() + ", gone after " + mark.sunset() + ": use "
                            + mark.successor() + " instead."));
            return operation;
        };
    }

    @Bean
    OpenAPI microPostsApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("MicroPosts API")
                        .version("v1")
                        .description("Users, micro-posts, follows and timelines. Reads are public; writes and /me need"
                                + " 'Authorization: Bearer <token>' from POST /api/v1/token. Errors are"
                                + " application/problem+json (RFC 9457). Lists are pages of at most 'limit' items;"
                                + " the next page is in the 'Link: <...>; rel=\"next\"' header. Every /api/v1 path"
                                + " also answers under /api."))
                .servers(List.of(new Server().url("/")))
                .schemaRequirement(
                        "bearer",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An access token from POST /api/v1/token"));
    }
}
