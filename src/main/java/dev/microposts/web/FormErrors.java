package dev.microposts.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a form shows when its input is refused: a message per field, from the same {@link ApiProblem} the API
 * answers, so the two never disagree on a rule.
 */
public final class FormErrors {

    private FormErrors() {}

    /** Field name to message; a problem without fields comes out under {@code "form"}. */
    public static Map<String, String> of(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object fields = problem.getBody().getProperties() == null
                ? null
                : problem.getBody().getProperties().get("errors");
        if (fields instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> field) {
                    errors.putIfAbsent(String.valueOf(field.get("field")), String.valueOf(field.get("message")));
                }
            }
        }
        if (errors.isEmpty()) {
            errors.put("form", problem.getBody().getDetail());
        }
        return errors;
    }
}
