package io.relationships.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a runbook's {@code output} block promises, compared with what the commands printed. Lines are compared whole
 * (trailing spaces and blank lines at either end aside), with four placeholders, explained at the runbook's top:
 * {@code {id}} a run's, sync's or key's number; {@code {n}} any number ({@code 1,234}, {@code 0.5}, {@code -3});
 * {@code {time}} a timestamp ({@code 2026-12-01T15:42:33.123Z}); {@code {*}} any text within a line — and alone on a
 * line, any number of lines.
 */
final class RunbookOutput {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|n|time|\\*)}");

    private RunbookOutput() {
    }

    static void assertMatches(String expected, String printed) {
        String actual = normalised(printed);
        assertThat(pattern(expected).matcher(actual).matches())
                .as("what the commands printed:%n%s%n%nwhat the runbook shows:%n%s", actual, normalised(expected)).isTrue();
    }

    static Pattern pattern(String expected) {
        List<String> lines = new ArrayList<>();
        for (String line : normalised(expected).split("\n", -1)) {
            lines.add(line.equals("{*}") ? "(?:[^\\n]*\\n)*?[^\\n]*" : line(line));
        }
        return Pattern.compile(String.join("\n", lines));
    }

    private static String line(String line) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(line);
        int from = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(line.substring(from, placeholder.start())));
            regex.append(switch (placeholder.group(1)) {
                case "id" -> "\\d+";
                case "n" -> "-?[\\d,]+(?:\\.\\d+)?";
                case "time" -> "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2})";
                default -> "[^\\n]*?";
            });
            from = placeholder.end();
        }
        return regex.append(Pattern.quote(line.substring(from))).toString();
    }

    private static String normalised(String text) {
        return text.replace("\r\n", "\n").lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }
}
