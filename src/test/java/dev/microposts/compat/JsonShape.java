package dev.microposts.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a consumer written against one JSON document relies on: its fields, where they are, and their JSON types.
 * A field the other document lacks or carries as another type breaks such a consumer; an added field does not,
 * and a field that was null in the older document may now carry any type.
 */
public final class JsonShape {

    private JsonShape() {}

    /**
     * The ways {@code current} breaks a reader of {@code sample}, each as a phrase such as {@code lost field
     * 'author.display_name'}; empty when it breaks none.
     */
    public static List<String> breaks(JsonNode sample, JsonNode current) {
        List<String> found = new ArrayList<>();
        compare("", sample, current, found);
        return found;
    }

    private static void compare(String path, JsonNode sample, JsonNode current, List<String> found) {
        if (sample.isNull()) {
            return;
        }
        if (!kind(sample).equals(kind(current))) {
            found.add("retyped field '" + shown(path) + "' from " + kind(sample) + " to " + kind(current));
            return;
        }
        if (sample.isObject()) {
            for (Map.Entry<String, JsonNode> field : sample.properties()) {
                String inner = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode now = current.get(field.getKey());
                if (now == null) {
                    found.add("lost field '" + inner + "'");
                } else {
                    compare(inner, field.getValue(), now, found);
                }
            }
        } else if (sample.isArray() && !sample.isEmpty() && !current.isEmpty()) {
            // why: the elements of one array share a shape, so the first stands for all
            compare(path + "[]", sample.get(0), current.get(0), found);
        }
    }

    private static String shown(String path) {
        return path.isEmpty() ? "(the document)" : path;
    }

    /** The JSON type, as a reader in any language sees it. */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
