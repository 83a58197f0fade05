package io.instflow.cli;

import io.instflow.avro.Direction;
import io.instflow.avro.Tier;
import io.instflow.ifd.io.FlatJson;
import io.instflow.testing.JsonSchemas;
import io.instflow.testing.OutputRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @TempDir Path tmp;

    @Test
    void shouldRefuseARunThatReadNothingWithANonZeroExit() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("signals.jsonl"), "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "report",
                        "--from",
                        run.toString());
        assertThat(code).isEqualTo(InstflowCommand.EXIT_BAD_INPUT);
        assertThat(err.toString())
                .contains("nothing to report: " + run)
                .contains("no signals, pressure windows or bars");
        assertThat(out.toString()).doesNotContain("report for");
        assertThat(run.resolve("report")).doesNotExist();
    }

    @Test
    void shouldWriteTheReportInsideTheRunsDirectoryByDefault() throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        long start = 1_800_000_000L;
        Files.writeString(
                run.resolve("signals.jsonl"),
                FlatJson.line(
                                OutputRecords.signal(
                                        "s-1", "NQZ6", 21_000, start, Direction.LONG, Tier.HIGH))
                        + "\n");
        List<String> bars = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bars.add(
                    PipelineOutputs.barLine(
                            OutputRecords.bar("NQZ6", 300, start + 300L * i, 21_000 + i)));
        }
        Files.write(run.resolve("bars-5m.jsonl"), bars);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "report",
                        "--from",
                        run.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(run.resolve("report/report.html")).isNotEmptyFile();
        JsonNode export = new ObjectMapper().readTree(run.resolve("report/export.json").toFile());
        assertThat(JsonSchemas.violations("export", export)).isEmpty();
        ((ObjectNode) export.path("signals").get(0)).remove("tier");
        assertThat(JsonSchemas.violations("export", export))
                .as("the export's signals are checked against the signal schema")
                .singleElement()
                .asString()
                .contains("tier");
        assertThat(out.toString()).contains(run.resolve("report/report.html").toString());
    }
}
