package dev.microposts.web;

import dev.microposts.refusals.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /** The same for a module's refusal, which is what the API would answer with. */
    public static Map<String, String> of(Refusal refusal) {
        return of(ApiProblem.from(refusal));
    }

    /** {@link #sentences(ApiProblem, Map)} for a module's refusal. */
    public static Map<String, String> sentences(Refusal refusal, Map<String, String> fieldNames) {
        return sentences(ApiProblem.from(refusal), fieldNames);
    }

    /**
     * The same, each message made a whole sentence that names its field as the form's labels do: with
     * {@code "password" -> "Your password"}, the API's "is too common; choose one..." reads "Your password is too
     * common; choose one...". A message for a field without a name, or for the whole form, is already a clause
     * of its own ("there is no user named 'bob'") and only gets its capital letter and full stop.
     */
    public static Map<String, String> sentences(ApiProblem problem, Map<String, String> fieldNames) {
        Map<String, String> sentences = new LinkedHashMap<>();
        of(problem).forEach((field, message) -> {
            String name = fieldNames.get(field);
            sentences.put(field, sentence(name == null || message == null ? message : name + " " + message));
        });
        return sentences;
    }

    private static String sentence(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        String capitalized = trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
        return capitalized.matches("(?s).*[.!?]") ? capitalized : capitalized + ".";
    }
}
