package dev.microposts.refusals;

import java.util.List;

/**
 * The input breaks one or more rules, each named by its field: {@code throw InvalidInput.of("text", "must
 * not be blank");}. The message is that of the first field alone, or a count when there are several.
 */
public class InvalidInput extends Refusal {

    public InvalidInput(List<Field> fields) {
        super(Reason.INVALID, summary(fields), fields, null);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new Field(field, message)));
    }

    private static String summary(List<Field> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an invalid input names at least one field");
        }
        return fields.size() == 1
                ? fields.get(0).name() + ": " + fields.get(0).message()
                : "The request has " + fields.size() + " invalid fields";
    }
}
