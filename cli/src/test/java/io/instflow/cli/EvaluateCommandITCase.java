package io.instflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code instflow evaluate} as a user runs it: the bundled v3.1 profile over tuning seeds of the
 * hard episode mix (the default), scored per kind. The full table over the evaluation seeds is in
 * the README.
 */
class EvaluateCommandITCase {

    @TempDir Path tmp;

    /**
     * A cold start is the hardest case for the baselines, so one run of seven days without warm-up
     * holds both: detection from the first day, and precision, recall and silent decoys on the hard
     * mix.
     */
    @Test
    void shouldHoldV31sPrecisionAndRecallFromTheFirstDayAndKeepItsDecoysSilent() throws Exception {
        JsonNode cold = evaluate("cold", "--seeds", "8", "--days", "7", "--warmup-days", "0");
        assertThat(cold.path("algorithm").asText()).isEqualTo("v3.1");
        assertThat(cold.path("directional_episodes").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(cold.path("precision").asDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(cold.path("recall").asDouble()).isGreaterThanOrEqualTo(0.75);
        for (String decoy :
                new String[] {"strangle", "vertical", "straddle", "retail", "calendar", "spoof"}) {
            JsonNode kind = cold.path("by_kind").path(decoy);
            assertThat(kind.path("episodes").asLong()).as(decoy).isPositive();
            assertThat(kind.path("drew_a_signal").asLong()).as(decoy).isZero();
        }
    }

    @Test
    void shouldFindFromABackfillWhatAWarmRunFinds() throws Exception {
        String[] session = {"--seeds", "7", "--days", "2", "--warmup-days", "4"};
        JsonNode warm = evaluate("warm", session);
        String[] backfilled = Arrays.copyOf(session, session.length + 1);
        backfilled[session.length] = "--backfill";
        JsonNode backfill = evaluate("backfill", backfilled);
        assertThat(backfill.path("directional_episodes").asLong())
                .isEqualTo(warm.path("directional_episodes").asLong())
                .isPositive();
        assertThat(backfill.path("recall").asDouble())
                .isGreaterThanOrEqualTo(warm.path("recall").asDouble() - 0.05);
        assertThat(backfill.path("precision").asDouble()).isGreaterThanOrEqualTo(0.8);
    }

    /** production's figures of one evaluate run. */
    private JsonNode evaluate(String name, String... options) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--profiles",
                                "production",
                                "--out",
                                tmp.resolve(name).toString()));
        args.addAll(List.of(options));
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(console),
                        new PrintWriter(err),
                        args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        System.out.println(console);
        return new ObjectMapper()
                .readTree(tmp.resolve(name).resolve("evaluation.json").toFile())
                .path("profiles")
                .path("production");
    }

    @Test
    void shouldRefuseSeedsThatAreNotSeedsOrRanges() {
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err),
                        "evaluate",
                        "--seeds",
                        "9-3",
                        "--out",
                        tmp.resolve("none").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--seeds must be seeds and ranges").contains("'9-3'");
    }
}
