package io.relationships.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.relationships.catalog.CatalogQueries;
import io.relationships.catalog.CatalogWriter;
import io.relationships.catalog.GroupType;
import io.relationships.catalog.StagedGroup;
import io.relationships.catalog.StagedMembership;
import io.relationships.catalog.StagedSecurity;
import io.relationships.catalog.Symbols;
import io.relationships.load.Finding;
import io.relationships.load.MembershipFiles.GroupData;
import io.relationships.load.RunKind;
import io.relationships.load.format.Cell;
import io.relationships.load.format.Formulas;
import io.relationships.load.format.ThemesFile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Themes (crypto miners, AI, clean energy, …) from {@code themes/}: key, name, description and member symbols. */
@Component
class ThemesStep extends FileLoadStep {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_]{0,47}");

    ThemesStep(SourceFiles sourceFiles, CatalogQueries catalog, CatalogWriter writer, ObjectProvider<SecurityClassifier> classifier) {
        super(sourceFiles, catalog, writer, classifier.getIfAvailable());
    }

    @Override
    public RunKind kind() {
        return RunKind.THEMES;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String folder() {
        return "themes";
    }

    @Override
    GroupType groupType() {
        return GroupType.THEME;
    }

    /** A theme as the rows of a file build it up (one row per theme, or one row per member). */
    private record Theme(String key, String name, String description, Map<String, Integer> members, int line) {
    }

    @Override
    Interpretation interpret(SourceFiles.SourceFile file, SourceFiles.Content content, List<Finding> findings) {
        String label = file.label();
        ThemesFile.Parsed parsed = ThemesFile.read(label, content.bytes());
        findings.addAll(parsed.findings());
        Map<String, Theme> themes = new LinkedHashMap<>();
        boolean onePerRow = parsed.rows().stream().allMatch(r -> r.symbols().size() <= 1);
        for (ThemesFile.ThemeRow row : parsed.rows()) {
            String key = ThemesFile.key(row.key().text());
            if (!KEY.matcher(key).matches()) {
                findings.add(Finding.error(label, row.line(), "KEY_INVALID",
                        "'" + Finding.excerpt(String.valueOf(row.key().text())) + "' is not a theme key (letters, digits and _)")
                        .at(row.key().column(), row.key().header()));
                continue;
            }
            if (Formulas.looksLikeFormula(row.name()) || Formulas.looksLikeFormula(row.description())) {
                findings.add(Finding.error(label, row.line(), "FORMULA_INJECTION", "the name or description of theme " + key
                        + " starts like a spreadsheet formula (=, +, -, @); fix the source file"));
                continue;
            }
            Theme theme = themes.get(key);
            if (theme == null) {
                theme = new Theme(key, row.name() != null ? row.name() : key, row.description(), new LinkedHashMap<>(), row.line());
                themes.put(key, theme);
            } else if (!onePerRow) {
                findings.add(Finding.error(label, row.line(), "DUPLICATE_GROUP",
                        "theme " + key + " is listed again (first on line " + theme.line() + "); list its members on one row"));
                continue;
            }
            for (Cell cell : row.symbols()) {
                Optional<String> symbol = Symbols.canonical(cell.text());
                if (symbol.isEmpty()) {
                    findings.add(Finding.error(label, row.line(), "INVALID_SYMBOL",
                            "'" + Finding.excerpt(cell.text()) + "' in theme " + key + " is not a symbol").at(cell.column(), cell.header()));
                    continue;
                }
                Integer earlier = theme.members().putIfAbsent(symbol.get(), row.line());
                if (earlier != null) {
                    findings.add(Finding.error(label, row.line(), "DUPLICATE_SYMBOL",
                            symbol.get() + " is listed twice in theme " + key + " (also on line " + earlier + ")").at(cell.column(), cell.header()));
                }
            }
        }
        if (findings.stream().anyMatch(Finding::isError)) {
            return new Interpretation("themes CSV", List.of());
        }
        List<GroupData> groups = new ArrayList<>();
        for (Theme theme : themes.values()) {
            if (theme.members().isEmpty()) {
                findings.add(Finding.warning(label, theme.line(), "EMPTY_GROUP", "theme " + theme.key() + " lists no members"));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("sourceFile", label);
            metadata.put("checksum", content.checksum());
            metadata.put("rowCount", theme.members().size());
            List<StagedMembership> members = theme.members().keySet().stream()
                    .map(symbol -> new StagedMembership(symbol, null, Map.of())).toList();
            List<StagedSecurity> securities = theme.members().keySet().stream().map(symbol -> StagedSecurity.of(symbol, null)).toList();
            groups.add(new GroupData(new StagedGroup(GroupType.THEME, theme.key(), theme.name(), theme.description(),
                    "themes CSV: " + file.fileName(), metadata), members, securities));
        }
        return new Interpretation("themes CSV", groups);
    }
}
