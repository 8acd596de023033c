package dev.amortizer.models.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amortizer.data.Quoted;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Strict reading of a JSON tree: every field checked, unknown ones refused, each message naming the field's path. */
final class JsonFields {
    private final String file;

    JsonFields(String file) {
        this.file = file;
    }

    IllegalArgumentException error(String path, String message) {
        return new IllegalArgumentException(file + ": " + path + " " + message);
    }

    /** {@code node} as an object with only the fields {@code allowed}. */
    JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error(path, "must be an object, got " + kind(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error(path, "has an unknown field " + Quoted.of(name) + "; known: " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
        return node;
    }

    JsonNode required(JsonNode object, String field, String path) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            throw error(path + "." + field, "is required");
        }
        return v;
    }

    String string(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw error(path, "must be a string, got " + kind(node));
        }
        return node.textValue();
    }

    double number(JsonNode node, String path) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw error(path, "must be a finite number, got " + kind(node));
        }
        return node.doubleValue();
    }

    int integer(JsonNode node, String path, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min
                || node.intValue() > max) {
            throw error(path, "must be a whole number in " + min + ".." + max + ", got " + kind(node));
        }
        return node.intValue();
    }

    List<JsonNode> array(JsonNode node, String path, int min, int max) {
        if (node == null || !node.isArray()) {
            throw error(path, "must be an array, got " + kind(node));
        }
        if (node.size() < min || node.size() > max) {
            throw error(path, "must have " + min + " to " + max + " entries, got " + node.size());
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.forEach(out::add);
        return out;
    }

    List<String> strings(JsonNode node, String path, int min, int max) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = array(node, path, min, max);
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    double[] numbers(JsonNode node, String path, int length) {
        List<JsonNode> items = array(node, path, length, length);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = number(items.get(i), path + "[" + i + "]");
        }
        return out;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + Quoted.plain(text, 40);
    }
}
