package io.instflow.cli;

import io.instflow.databento.FakeGateway;
import io.instflow.dbn.MetadataCodec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code instflow pipeline --live} against the fake Databento gateway (the real protocol) serving a
 * simulated session: it subscribes definitions and MBO by parent symbol, publishes everything, runs
 * the job unbounded, and on stop lets it catch up and drains it so every window's output commits.
 */
@Timeout(300)
class PipelineLiveITCase {

    private static final String KEY = "db-unittestapikey1234567890FFFFF";

    @TempDir Path tmp;

    @Test
    void shouldRunTheWholePipelineOnTheLiveGatewayFromABackfillOfThePriorDays() throws Exception {
        Path sim = tmp.resolve("sim");
        assertThat(
                        run(
                                "simulate",
                                "--out",
                                sim.toString(),
                                "--warmup-days",
                                "2",
                                "--days",
                                "1",
                                "--minutes",
                                "20",
                                "--seed",
                                "4"))
                .isZero();
        List<Path> days;
        try (Stream<Path> files = Files.list(sim)) {
            days =
                    files.filter(f -> f.getFileName().toString().startsWith("mbo-"))
                            .sorted()
                            .toList();
        }
        assertThat(days).hasSize(3);
        Path baselines = tmp.resolve("baselines.json");
        StringWriter backfillConsole = new StringWriter();
        assertThat(
                        InstflowCommand.run(
                                new PrintWriter(backfillConsole),
                                new PrintWriter(new StringWriter()),
                                "backfill",
                                "--input",
                                sim.resolve("definitions.dbn.zst").toString(),
                                days.get(0).toString(),
                                days.get(1).toString(),
                                "--out",
                                baselines.toString(),
                                "--parallelism",
                                "1"))
                .as(backfillConsole.toString())
                .isZero();
        assertThat(backfillConsole.toString()).contains("baselines of ").contains("written to");
        byte[] definitions = decompress(sim.resolve("definitions.dbn.zst"));
        byte[] mbo = decompress(days.get(2));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(mbo, 0, recordsStart(mbo));
        stream.write(
                definitions,
                recordsStart(definitions),
                definitions.length - recordsStart(definitions));
        stream.write(mbo, recordsStart(mbo), mbo.length - recordsStart(mbo));
        long[] mboRecords = {0};
        try (var reader =
                io.instflow.dbn.io.DbnReader.of(
                        new java.io.ByteArrayInputStream(mbo), false, "mbo")) {
            reader.readAll(
                    new io.instflow.dbn.RecordHandler() {
                        @Override
                        public void onMbo(io.instflow.dbn.record.MboDecoder r) {
                            mboRecords[0]++;
                        }
                    });
        }

        Path env = Files.writeString(tmp.resolve("live.env"), "DATABENTO_API_KEY=" + KEY + "\n");
        Path out = tmp.resolve("out");
        try (FakeGateway gateway =
                new FakeGateway(KEY, stream.toByteArray(), s -> FakeGateway.Plan.full())) {
            gateway.heartbeatWhenIdle(Duration.ofMillis(500));
            StringWriter console = new StringWriter();
            StringWriter err = new StringWriter();
            int code =
                    InstflowCommand.run(
                            new PrintWriter(console),
                            new PrintWriter(err),
                            "pipeline",
                            "--live",
                            "--gateway",
                            "127.0.0.1:" + gateway.port(),
                            "--env-file",
                            env.toString(),
                            "--duration",
                            "0.3",
                            "--out",
                            out.toString(),
                            "--dir",
                            tmp.resolve("work").toString(),
                            "--baselines",
                            baselines.toString(),
                            "--parallelism",
                            "1");
            assertThat(code).as(console + "\n" + err).isZero();
            assertThat(console.toString())
                    .contains("streaming Databento live NQ.FUT,NQ.OPT")
                    .contains("draining");
            List<String> subscriptions =
                    gateway.requests().get(0).stream()
                            .filter(l -> l.startsWith("schema="))
                            .toList();
            assertThat(subscriptions)
                    .anySatisfy(
                            l ->
                                    assertThat(l)
                                            .contains("schema=definition")
                                            .contains("stype_in=parent")
                                            .contains("NQ.FUT,NQ.OPT"));
            assertThat(subscriptions).anySatisfy(l -> assertThat(l).contains("schema=mbo"));
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("input").asText()).isEqualTo("Databento live NQ.FUT,NQ.OPT");
        assertThat(summary.get("mbo_records").asLong())
                .as("every MBO record streamed was published")
                .isEqualTo(mboRecords[0]);
        assertThat(summary.get("bars_1m").asInt())
                .as("twenty minutes of futures trades, drained to the end")
                .isGreaterThanOrEqualTo(19);
        assertThat(summary.get("pressure_windows").asInt()).isPositive();
        assertThat(out.resolve("bars-5m.jsonl")).isNotEmptyFile();
        assertThat(summary.has("detection_quality")).as("no labels in a live run").isFalse();
        assertThat(tmp.resolve("work").resolve("checkpoints"))
                .as("checkpoints in files, not in the JobManager's memory, which fails beyond 5 MB")
                .isDirectoryContaining(Files::isDirectory);
        ObjectMapper json = new ObjectMapper();
        List<Double> qualities =
                Files.readAllLines(out.resolve("rejections.jsonl")).stream()
                        .map(l -> readTree(json, l).get("data_quality").asDouble())
                        .toList();
        assertThat(qualities)
                .as(
                        "the live day's baselines start from the two backfilled days of 20 (a cold"
                                + " first day has none)")
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q).isBetween(0.0, 1.0))
                .anySatisfy(q -> assertThat(q).isGreaterThanOrEqualTo(0.1 - 1e-9));
    }

    private static JsonNode readTree(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldExitNonZeroSayingWhatToFixWhenTheGatewayCannotBeReached() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path env = Files.writeString(tmp.resolve("live.env"), "DATABENTO_API_KEY=" + KEY + "\n");
        Path out = tmp.resolve("out");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        List<Path> workDirsBefore = workDirs();
        int code =
                InstflowCommand.run(
                        new PrintWriter(console),
                        new PrintWriter(err),
                        "pipeline",
                        "--live",
                        "--gateway",
                        "127.0.0.1:" + port,
                        "--env-file",
                        env.toString(),
                        "--duration",
                        "5",
                        "--out",
                        out.toString(),
                        "--parallelism",
                        "1");
        assertThat(workDirs())
                .as("the failed run's temporary broker and data are gone")
                .isEqualTo(workDirsBefore);
        assertThat(code).as(console + "\n" + err).isEqualTo(InstflowCommand.EXIT_IO);
        assertThat(err.toString())
                .contains("nothing was streamed")
                .contains("never having started a session")
                .contains("cannot start a session with 127.0.0.1:" + port)
                .contains("check --gateway")
                .doesNotContain(KEY);
        assertThat(out.resolve("summary.json")).doesNotExist();
    }

    /** The embedded runs' temporary working directories now in the temp directory. */
    private static List<Path> workDirs() throws java.io.IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("instflow-pipeline-"))
                    .sorted()
                    .toList();
        }
    }

    private static int run(String... args) {
        return InstflowCommand.run(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    private static byte[] decompress(Path file) throws Exception {
        try (ZstdInputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static int recordsStart(byte[] dbn) {
        return MetadataCodec.PRELUDE_LENGTH
                + ByteBuffer.wrap(dbn, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
