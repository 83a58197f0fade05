package io.instflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code instflow backfill} and a run from its file say when the input cannot serve. */
@Timeout(180)
class BackfillCommandITCase {

    @TempDir Path tmp;

    @Test
    void shouldRefuseInputWithoutMboRecordsAndWriteNothing() {
        Path sim = tmp.resolve("sim");
        assertThat(
                        run(
                                new StringWriter(),
                                "simulate",
                                "--out",
                                sim.toString(),
                                "--days",
                                "1",
                                "--minutes",
                                "5",
                                "--episodes-per-day",
                                "0"))
                .isZero();
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("baselines.json");
        int code =
                run(
                        err,
                        "backfill",
                        "--input",
                        sim.resolve("definitions.dbn.zst").toString(),
                        "--out",
                        out.toString(),
                        "--parallelism",
                        "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("holds no MBO records").contains("definitions");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldNameAMissingInputOrBaselinesFileBeforeStartingAnything() throws Exception {
        StringWriter err = new StringWriter();
        Path missing = tmp.resolve("nowhere.dbn");
        assertThat(
                        run(
                                err,
                                "backfill",
                                "--input",
                                missing.toString(),
                                "--out",
                                tmp.resolve("b.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString()).contains("does not exist");

        StringWriter pipelineErr = new StringWriter();
        Path baselines = tmp.resolve("baselines.json");
        assertThat(
                        run(
                                pipelineErr,
                                "pipeline",
                                "--baselines",
                                baselines.toString(),
                                "--out",
                                tmp.resolve("out").toString()))
                .isEqualTo(2);
        assertThat(pipelineErr.toString())
                .contains(baselines.toString())
                .contains("make it with 'instflow backfill'");
        assertThat(tmp.resolve("out/summary.json")).doesNotExist();
        Files.writeString(baselines, "{\"profiles\": {}}");
        StringWriter notBaselines = new StringWriter();
        assertThat(run(notBaselines, "pipeline", "--baselines", baselines.toString())).isEqualTo(2);
        assertThat(notBaselines.toString()).contains("is not an instflow baselines file");
    }

    private static int run(StringWriter err, String... args) {
        return InstflowCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }
}
