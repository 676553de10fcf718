package dev.microposts.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.stereotype.Component;

/**
 * Describes a {@link UsernameOrMe} parameter as what it is on each path: the {@code username} path parameter
 * where the path has one, and nothing on the {@code /me} alias. Left to itself the generator would take it for
 * a query parameter on both.
 */
@Component
class UsernameOrMeInOpenApi implements GlobalOpenApiCustomizer {

    static {
        SpringDocUtils.getConfig().addAnnotationsToIgnore(UsernameOrMe.class);
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (path.contains("{username}")) {
                item.readOperations().forEach(UsernameOrMeInOpenApi::namePathUsername);
            }
        });
    }

    private static void namePathUsername(Operation operation) {
        List<Parameter> parameters =
                operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        boolean named = parameters.stream()
                .anyMatch(parameter -> "path".equals(parameter.getIn()) && "username".equals(parameter.getName()));
        if (!named) {
            parameters.add(
                    0, new PathParameter().name("username").required(true).schema(new StringSchema()));
            operation.setParameters(parameters);
        }
    }
}
