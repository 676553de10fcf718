package dev.microposts.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.stereotype.Component;

/**
 * Describes a {@link UsernameOrMe} parameter as what it is on each path: the {@code username} path parameter
 * where the path has one, and nothing on the {@code /me} alias. Left to itself the generator would take it for
 * a query parameter on both, and would number the two operations of one handler ({@code get}, {@code get_1}) in
 * whatever order it met them; here the alias is named after the handler with {@code Mine} ({@code getMine}), so
 * a generated client's method names do not change from one build to the next.
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
        Set<String> aliased = new HashSet<>();
        api.getPaths().forEach((path, item) -> {
            if (path.contains("{username}")) {
                item.readOperations().forEach(UsernameOrMeInOpenApi::namePathUsername);
                if (!isAlias(path)) {
                    item.readOperations().forEach(operation -> aliased.add(handler(operation)));
                }
            }
        });
        Set<String> taken = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (isAlias(path) && aliased.contains(handler(operation))) {
                operation.setOperationId(handler(operation) + "Mine");
            }
            taken.add(operation.getOperationId());
        }));
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            String handler = handler(operation);
            if (path.contains("{username}") && !isAlias(path) && !taken.contains(handler)) {
                taken.remove(operation.getOperationId());
                operation.setOperationId(handler);
                taken.add(handler);
            }
        }));
    }

    private static boolean isAlias(String path) {
        return path.startsWith("/api/v1/me/");
    }

    /** The handler's name: the operation id without the number the generator adds to tell repeats apart. */
    private static String handler(Operation operation) {
        String id = operation.getOperationId();
        return id == null ? "" : id.replaceFirst("_\\d+$", "");
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
