package io.relationships.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.relationships.load.Finding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every file reader with the sample and hostile files, mutated the ways files break (truncated, lines cut
 * short or dropped, stray quotes, bytes flipped or cut out, lines doubled): whatever comes in, reading and checking
 * it gives groups or located findings, never an exception (which would end the run FAILED without a word on the
 * file). The steps are driven exactly as a load drives them, from bytes to the groups it would stage.
 */
class ReaderFuzzTest {

    private static final List<Path> HOLDINGS = seeds(Path.of("data/holdings"), Path.of("src/test/resources/fixtures/formats"),
            Path.of("src/test/resources/fixtures/hostile/holdings"));
    private static final List<Path> UNIVERSES = seeds(Path.of("data/universes"), Path.of("src/test/resources/fixtures/hostile/universes"));
    private static final List<Path> THEMES = seeds(Path.of("data/themes"), Path.of("src/test/resources/fixtures/hostile/themes"));

    private static final ObjectProvider<SecurityClassifier> NO_CLASSIFIER = new DefaultListableBeanFactory().getBeanProvider(SecurityClassifier.class);

    private final MembershipFiles membershipFiles = new MembershipFiles(new LoadProperties(List.of(), DataSize.ofMegabytes(50),
            new LoadProperties.WeightSum(new BigDecimal("2.5"), new BigDecimal("50"), new BigDecimal("120")), 200, false, "uploads", Duration.ofDays(7), false, "sample",
            new LoadProperties.Archives(1000, DataSize.ofMegabytes(500), 100), new LoadProperties.Inbox(Map.of(), null, null, Duration.ofSeconds(30))));
    private final List<FileLoadStep> steps = List.of(
            new MembershipFileStep(MembershipFileKind.HOLDINGS, null, null, null, membershipFiles, NO_CLASSIFIER),
            new MembershipFileStep(MembershipFileKind.UNIVERSES, null, null, null, membershipFiles, NO_CLASSIFIER),
            new ThemesStep(null, null, null, NO_CLASSIFIER));

    enum Mutation { TRUNCATE, CUT_LINE_SHORT, DROP_LINE, DOUBLE_LINE, STRAY_QUOTE, FLIP_BYTE, CUT_BYTES, INSERT_BYTES, EMPTY_CELLS }

    record Case(int step, int seed, Mutation mutation, int at, int length, byte value) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.of(Mutation.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(1, 64), Arbitraries.bytes())
                .as(Case::new);
    }

    @Property(tries = 600, seed = "20261201")
    void everyMutatedFileGivesGroupsOrLocatedFindings(@ForAll("cases") Case c) throws IOException {
        List<Path> seeds = c.step() == 0 ? HOLDINGS : c.step() == 1 ? UNIVERSES : THEMES;
        Path seed = seeds.get(c.seed() % seeds.size());
        byte[] bytes = mutate(Files.readAllBytes(seed), c);
        FileLoadStep step = steps.get(c.step());
        String label = "fuzz/" + seed.getFileName();
        List<Finding> findings = new ArrayList<>();

        FileLoadStep.Interpretation interpretation = step.interpret(
                new SourceFiles.SourceFile(seed, label, null, null), new SourceFiles.Content(bytes, SourceFiles.sha256(bytes)), findings);

        boolean rejected = interpretation.groups().isEmpty() || findings.stream().anyMatch(Finding::isError);
        if (rejected) {
            assertThat(findings).as("a rejected file (%s of %s) says why", c.mutation(), seed).anyMatch(Finding::isError);
        }
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.file()).isEqualTo(label);
            assertThat(f.code()).isNotBlank();
            assertThat(f.message()).isNotBlank();
        });
    }

    static byte[] mutate(byte[] original, Case c) {
        if (original.length == 0) {
            return original;
        }
        int at = c.at() % original.length;
        return switch (c.mutation()) {
            case TRUNCATE -> Arrays.copyOf(original, at);
            case FLIP_BYTE -> {
                byte[] copy = original.clone();
                copy[at] = c.value();
                yield copy;
            }
            case CUT_BYTES -> concat(Arrays.copyOf(original, at), Arrays.copyOfRange(original, Math.min(original.length, at + c.length()), original.length));
            case INSERT_BYTES -> {
                byte[] inserted = new byte[c.length()];
                Arrays.fill(inserted, c.value());
                yield concat(concat(Arrays.copyOf(original, at), inserted), Arrays.copyOfRange(original, at, original.length));
            }
            case STRAY_QUOTE -> concat(concat(Arrays.copyOf(original, at), new byte[] {'"'}), Arrays.copyOfRange(original, at, original.length));
            case CUT_LINE_SHORT, DROP_LINE, DOUBLE_LINE, EMPTY_CELLS -> lines(original, c);
        };
    }

    private static byte[] lines(byte[] original, Case c) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(original, StandardCharsets.ISO_8859_1).split("\n", -1)));
        int index = c.at() % lines.size();
        String line = lines.get(index);
        switch (c.mutation()) {
            case CUT_LINE_SHORT -> {
                // the line keeps its first few fields: "MSFT","MICROSOFT" under a 15-column header
                int fields = 1 + c.length() % 3;
                int cut = 0;
                for (int i = 0; i < fields && cut >= 0; i++) {
                    cut = line.indexOf(',', cut + 1);
                }
                lines.set(index, cut < 0 ? line : line.substring(0, cut));
            }
            case DROP_LINE -> lines.remove(index);
            case DOUBLE_LINE -> lines.add(index, line);
            default -> lines.set(index, line.replaceAll("[^,]", "").replace(",", ",\"\""));
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<Path> seeds(Path... folders) {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(files).as("seed files in %s", Arrays.toString(folders)).isNotEmpty();
        return List.copyOf(files);
    }
}
