package io.relationships.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

/** Reads the Cypher kept as files in {@code cypher/}. */
final class CypherFiles {

    private CypherFiles() {
    }

    /**
     * A template: {@code __NAME__} placeholders replaced. Labels and relationship types cannot be query
     * parameters; the values come from a fixed list in code, never from input.
     */
    static String load(String name, Map<String, String> placeholders) {
        String text = load(name);
        for (var entry : placeholders.entrySet()) {
            text = text.replace("__" + entry.getKey() + "__", entry.getValue());
        }
        if (text.matches("(?s).*__[A-Z]+__.*")) {
            throw new IllegalStateException("cypher/" + name + ".cypher has a placeholder left unfilled");
        }
        return text;
    }

    /** The text of {@code cypher/<name>.cypher}, comments removed. */
    static String load(String name) {
        try {
            String text = new ClassPathResource("cypher/" + name + ".cypher").getContentAsString(StandardCharsets.UTF_8);
            List<String> statements = statements(text);
            if (statements.size() != 1) {
                throw new IllegalStateException("cypher/" + name + ".cypher must hold exactly one statement, has " + statements.size());
            }
            return statements.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing Cypher file cypher/" + name + ".cypher", e);
        }
    }

    /** Splits a file into statements at semicolons that end a line; {@code //} comment lines are dropped. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
