package io.relationships.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runbook's output blocks: what the placeholders stand for, and that anything else must be printed as written. */
class RunbookOutputTest {

    static final String PRINTED = """
            run 42 started (dry run)

            run 42  ETF_HOLDINGS DRY_RUN  SUCCEEDED  (CLI, 1,234 ms)
              added 1   removed 0   changed 2   unchanged 11
              visible to every reader since 2026-12-01T15:42:33.123Z
              XLK.csv   standard CSV
              XLE.csv   standard CSV
            done""";

    @Test
    void placeholdersStandForIdsNumbersTimesAndAnyTextOrLines() {
        RunbookOutput.assertMatches("""
                run {id} started (dry run)

                run {id}  ETF_HOLDINGS DRY_RUN  SUCCEEDED  (CLI, {n} ms)
                  added {n}   removed 0   changed {n}   unchanged {n}
                  visible to every reader since {time}
                {*}
                done""", PRINTED + "   \n\n");
        RunbookOutput.assertMatches("run {id} started {*}\n{*}", PRINTED);
    }

    @Test
    void aChangedWordAMissingLineOrANonNumberFails() {
        assertThatThrownBy(() -> RunbookOutput.assertMatches(PRINTED.replace("SUCCEEDED", "FAILED"), PRINTED)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> RunbookOutput.assertMatches(PRINTED.replace("  XLE.csv   standard CSV\n", ""), PRINTED))
                .isInstanceOf(AssertionError.class);
        assertThat(RunbookOutput.pattern("took {n} ms").matcher("took many ms").matches()).isFalse();
        assertThat(RunbookOutput.pattern("run {id}").matcher("run 4a").matches()).isFalse();
        assertThat(RunbookOutput.pattern("at {time}").matcher("at 2026-12-01T15:42:33Z").matches()).isTrue();
        assertThat(RunbookOutput.pattern("a.b (c)").matcher("axb (c)").matches()).as("the rest is literal").isFalse();
    }
}
