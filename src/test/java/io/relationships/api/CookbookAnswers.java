package io.relationships.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answers docs/graphql.md shows after its examples, as the cookbook test reads, compares and writes them. An
 * answer is the service's real output, except where a value changes from run to run: there it holds a placeholder,
 * a string standing for any value of a kind —
 * <ul>
 *   <li>{@code "<id>"}: a run's or sync pass's id (digits, as a string or a number);</li>
 *   <li>{@code "<datetime>"}: a date and time with an offset ({@code 2026-12-01T17:09:21.347Z});</li>
 *   <li>{@code "<number>"}: any number;</li>
 *   <li>{@code "<string>"}: any string (a cursor that holds a run's id);</li>
 *   <li>{@code "<any>"}: anything, null, a list or an object included (a list of runs whose length varies).</li>
 * </ul>
 * Everything else must be equal: the same fields in the same order, lists of the same length.
 */
final class CookbookAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WIDTH = 110;

    private CookbookAnswers() {
    }

    /** Where {@code actual} differs from {@code expected} (a path and both values), or empty when it matches. */
    static Optional<String> difference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isString() && placeholder(expected.asString())) {
            return matches(expected.asString(), actual) ? Optional.empty()
                    : Optional.of(path + ": " + expected.asString() + " expected, not " + actual);
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> expectedKeys = new ArrayList<>(expected.propertyNames());
            List<String> actualKeys = new ArrayList<>(actual.propertyNames());
            if (!expectedKeys.equals(actualKeys)) {
                return Optional.of(path + ": fields " + expectedKeys + " expected, not " + actualKeys);
            }
            for (String key : expectedKeys) {
                Optional<String> difference = difference(expected.get(key), actual.get(key), path + "." + key);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return Optional.of(path + ": " + expected.size() + " items expected, not " + actual.size() + ": " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> difference = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        boolean equal = expected.isNumber() && actual.isNumber() ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                : expected.equals(actual);
        return equal ? Optional.empty() : Optional.of(path + ": " + expected + " expected, not " + actual);
    }

    /** The actual answer to write into the doc, with the placeholders {@code previous} had where they still match. */
    static JsonNode merge(JsonNode previous, JsonNode actual) {
        if (previous == null) {
            return actual;
        }
        if (previous.isString() && placeholder(previous.asString()) && matches(previous.asString(), actual)) {
            return previous;
        }
        if (previous.isObject() && actual.isObject()) {
            ObjectNode merged = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : actual.properties()) {
                merged.set(field.getKey(), merge(previous.get(field.getKey()), field.getValue()));
            }
            return merged;
        }
        if (previous.isArray() && actual.isArray() && previous.size() == actual.size()) {
            ArrayNode merged = JSON.createArrayNode();
            for (int i = 0; i < actual.size(); i++) {
                merged.add(merge(previous.get(i), actual.get(i)));
            }
            return merged;
        }
        return actual;
    }

    private static boolean placeholder(String text) {
        return text.equals("<any>") || text.equals("<id>") || text.equals("<datetime>") || text.equals("<number>") || text.equals("<string>");
    }

    private static boolean matches(String placeholder, JsonNode actual) {
        return switch (placeholder) {
            case "<any>" -> true;
            case "<id>" -> (actual.isString() && actual.asString().matches("\\d+")) || actual.isIntegralNumber();
            case "<number>" -> actual.isNumber();
            case "<string>" -> actual.isString();
            case "<datetime>" -> actual.isString() && isDateTime(actual.asString());
            default -> false;
        };
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException notOne) {
            return false;
        }
    }

    /** JSON as the doc shows it: what fits in a line on one line, the rest one field or item a line, indented by two. */
    static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, 0, out);
        return out.toString();
    }

    private static void print(JsonNode node, int indent, StringBuilder out) {
        String inline = inline(node);
        if (indent + inline.length() <= WIDTH || !(node.isObject() || node.isArray()) || node.isEmpty()) {
            out.append(inline);
            return;
        }
        String pad = " ".repeat(indent + 2);
        out.append(node.isObject() ? "{\n" : "[\n");
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = JSON.writeValueAsString(field.getKey()) + ": ";
                out.append(pad).append(key);
                print(field.getValue(), indent + 2, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                out.append(pad);
                print(node.get(i), indent + 2, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
        }
        out.append(" ".repeat(indent)).append(node.isObject() ? "}" : "]");
    }

    private static String inline(JsonNode node) {
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            node.properties().forEach(f -> fields.add(JSON.writeValueAsString(f.getKey()) + ": " + inline(f.getValue())));
            return "{" + String.join(", ", fields) + "}";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(inline(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return JSON.writeValueAsString(node);
    }
}
