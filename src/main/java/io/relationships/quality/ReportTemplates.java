package io.relationships.quality;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders the report's page with the Mustache templates in {@code src/main/resources/reports}: HTML and Markdown.
 * Every value a template shows is escaped for its format unless the template says otherwise, so a stock or fund
 * named {@code <script>} or {@code a | b} shows as those characters and cannot change the page or break a table.
 */
@Component
class ReportTemplates {

    private final Template html;
    private final Template markdown;

    ReportTemplates() {
        Mustache.Compiler compiler = Mustache.compiler().emptyStringIsFalse(true);
        this.html = compile(compiler.withEscaper(Escapers.HTML), "reports/relationship-breakdown.html.mustache");
        this.markdown = compile(compiler.withEscaper(ReportTemplates::markdownText), "reports/relationship-breakdown.md.mustache");
    }

    String html(ReportPage page) {
        return html.execute(page);
    }

    String markdown(ReportPage page) {
        return markdown.execute(page);
    }

    /**
     * Text that stays text in Markdown (CommonMark and GitHub's tables): the characters that start emphasis, code, links
     * or a table cell are backslash-escaped, HTML's own are entities (a renderer shows them as the characters), and a
     * line break, which would end a table row, becomes a space. Nothing a name holds can add a cell, a link or markup.
     */
    static String markdownText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '[', ']', '|', '~' -> out.append('\\').append(c);
                case '_' -> out.append(inWord(text, i) ? "_" : "\\_");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An underscore between two letters or digits (information_technology) cannot start emphasis: it needs no escape. */
    private static boolean inWord(String text, int at) {
        return at > 0 && at < text.length() - 1 && Character.isLetterOrDigit(text.charAt(at - 1)) && Character.isLetterOrDigit(text.charAt(at + 1));
    }

    private static Template compile(Mustache.Compiler compiler, String location) {
        try (Reader template = new InputStreamReader(new ClassPathResource(location).getInputStream(), StandardCharsets.UTF_8)) {
            return compiler.compile(template);
        } catch (IOException e) {
            throw new UncheckedIOException("The report template " + location + " is missing from the class path", e);
        }
    }
}
