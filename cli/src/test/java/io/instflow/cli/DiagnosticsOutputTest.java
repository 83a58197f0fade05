package io.instflow.cli;

import io.instflow.avro.Direction;
import io.instflow.avro.GateCheck;
import io.instflow.avro.OptionType;
import io.instflow.avro.Rejection;
import io.instflow.ifd.functions.DetectorFunction;
import io.instflow.testing.JsonSchemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.instflow.testing.OutputRecords.pressure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A testing-mode run's diagnostics as written: every candidate in {@code diagnostics.jsonl} (valid
 * against the rejection schema), only failures in {@code rejections.jsonl}, the summary's counts
 * and closest misses, and the verdict log in its file.
 */
class DiagnosticsOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void shouldWriteEveryCandidateAndSummariseTheGates() throws Exception {
        Rejection signal =
                candidate(
                        "s",
                        21_000,
                        true,
                        false,
                        gate("min_trend_strength", 0.9, 0.8, false),
                        gate("market_making", 0.1, 0.3, true));
        Rejection nearMiss =
                candidate(
                        "n",
                        21_025,
                        false,
                        true,
                        gate("min_trend_strength", 0.78, 0.8, false),
                        gate("market_making", 0.1, 0.3, true));
        Rejection far =
                candidate(
                        "f",
                        21_050,
                        false,
                        false,
                        gate("min_trend_strength", 0.2, 0.8, false),
                        gate("market_making", 0.9, 0.3, true));
        PipelineOutputs outputs =
                new PipelineOutputs(
                        List.of(), List.of(signal, nearMiss, far), List.of(), List.of(), List.of());
        outputs.write(dir, true);

        List<String> diagnostics = Files.readAllLines(dir.resolve("diagnostics.jsonl"));
        assertThat(diagnostics).hasSize(3);
        for (String line : diagnostics) {
            assertThat(JsonSchemas.violations("rejection", JSON.readTree(line))).as(line).isEmpty();
        }
        assertThat(JSON.readTree(diagnostics.get(1)).at("/gates/0/value").asDouble())
                .isEqualTo(0.78);
        assertThat(Files.readAllLines(dir.resolve("rejections.jsonl")))
                .as("the signal's diagnostic copy is no rejection")
                .hasSize(2);

        List<String> summary = Files.readAllLines(dir.resolve("diagnostics-summary.txt"));
        assertThat(summary.get(0))
                .isEqualTo(
                        "diagnostics of profile testing: 3 candidate windows, 1 signals, 2 rejected,"
                                + " 1 near misses");
        assertThat(summary)
                .anySatisfy(
                        l -> assertThat(l).matches(" +min_trend_strength +>= +0\\.800 +3 +2 +1"))
                .anySatisfy(l -> assertThat(l).matches(" +market_making +<= +0\\.300 +3 +1 +0"))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains("NQZ4 C21025")
                                        .endsWith("min_trend_strength 0.780 < 0.800"));

        outputs.write(dir.resolve("plain"), false);
        assertThat(dir.resolve("plain/diagnostics.jsonl")).doesNotExist();
    }

    @Test
    void shouldLogVerdictsIntoTheirFile() throws Exception {
        Path log = dir.resolve("detector-debug.log");
        VerdictLogFile.open(log);
        LoggerFactory.getLogger(DetectorFunction.VERDICT_LOGGER).debug("NQZ4 window: rejected");
        LoggerFactory.getLogger("io.instflow.other").debug("not a verdict");
        assertThat(Files.readString(log))
                .contains("DEBUG NQZ4 window: rejected")
                .doesNotContain("not a verdict");
    }

    private static Rejection candidate(
            String id, long strike, boolean diagnostic, boolean nearMiss, GateCheck... gates) {
        var metrics = pressure(1, "NQZ4", strike, OptionType.CALL, 600, 300, 100);
        metrics.setRawSymbol("NQZ4 C" + strike);
        List<GateCheck> all = List.of(gates);
        return Rejection.newBuilder()
                .setRejectionId(id)
                .setAlgorithm("v3.1")
                .setProfile("testing")
                .setParameterVersion("0")
                .setMetrics(metrics)
                .setFailedGates(
                        all.stream().filter(g -> !g.getPassed()).map(GateCheck::getName).toList())
                .setReason(diagnostic ? "candidate (diagnostic output)" : "failed")
                .setDataQuality(1)
                .setDirection(Direction.LONG)
                .setDiagnostic(diagnostic)
                .setGates(all)
                .setNearMiss(nearMiss)
                .setEmittedAt(0)
                .build();
    }

    private static GateCheck gate(String name, double value, double threshold, boolean atMost) {
        return GateCheck.newBuilder()
                .setName(name)
                .setValue(value)
                .setThreshold(threshold)
                .setAtMost(atMost)
                .setPassed(atMost ? value <= threshold : value >= threshold)
                .build();
    }
}
