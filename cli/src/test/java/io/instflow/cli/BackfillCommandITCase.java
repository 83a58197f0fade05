package io.instflow.cli;

import io.instflow.dbn.Metadata;
import io.instflow.dbn.RType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.io.DbnWriter;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.dbn.record.TradeEncoder;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.FakeHistoricalApi;
import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code instflow backfill} from Databento's historical trades against the same days' MBO files,
 * and what it and a run from its file say when the input cannot serve.
 */
@Timeout(300)
class BackfillCommandITCase {

    private static final String KEY = "db-ABCDEFGHIJKLMNOPQRSTUVWXYZ012";

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
        assertThat(err.toString())
                .contains("holds no MBO or trade records")
                .contains("definitions");
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

    @Test
    void shouldBuildFromHistoricalTradesWhatTheMboFilesGiveForEveryWindowThatTraded()
            throws Exception {
        Path sim = tmp.resolve("sim");
        SimulationResult days =
                new MarketSimulator(
                                SimulatorConfig.builder(sim)
                                        .days(2)
                                        .minutes(20)
                                        .episodesPerDay(0)
                                        .seed(31)
                                        .build())
                        .run(line -> {});
        Path fromMbo = tmp.resolve("from-mbo.json");
        assertThat(
                        run(
                                new StringWriter(),
                                "backfill",
                                "--input",
                                sim.toString(),
                                "--out",
                                fromMbo.toString(),
                                "--parallelism",
                                "1"))
                .isZero();
        Path trades = tmp.resolve("trades.dbn.zst");
        long tradeRecords = writeTrades(days, trades);
        Path fromTrades = tmp.resolve("from-trades.json");
        try (FakeHistoricalApi api =
                new FakeHistoricalApi(
                        Map.of(
                                "definition", Files.readAllBytes(days.definitions()),
                                "trades", Files.readAllBytes(trades)))) {
            Result backfill =
                    backfill(
                            "--start",
                            "2026-11-02",
                            "--end",
                            "2026-11-04",
                            "--base-url",
                            api.baseUrl(),
                            "--out",
                            fromTrades.toString(),
                            "--parallelism",
                            "1");
            String output = backfill.output();
            assertThat(backfill.exit()).as(output).isZero();
            assertThat(output)
                    .contains(String.format("%,d trades records from Databento", tradeRecords))
                    .doesNotContain(KEY);
            assertThat(api.forms())
                    .extracting(f -> f.get("schema"))
                    .containsExactly("definition", "trades");
            assertThat(api.forms().get(1).get("symbols")).contains("NQ.OPT").contains("Q1A.OPT");
            assertThat(api.authorizations()).allSatisfy(a -> assertThat(a).startsWith("Basic "));
        }
        StringWriter cached = new StringWriter();
        assertThat(
                        InstflowCommand.run(
                                new PrintWriter(cached),
                                new PrintWriter(new StringWriter()),
                                "cache",
                                "list",
                                "--cache-dir",
                                tmp.resolve("cache").toString()))
                .isZero();
        assertThat(cached.toString())
                .as("the settled range is cached for the next request")
                .contains("GLBX.MDP3  definition")
                .contains(String.format("%,d records", tradeRecords))
                .contains("2 entries");
        JsonNode mbo = new ObjectMapper().readTree(fromMbo.toFile()).path("contracts");
        JsonNode traded = new ObjectMapper().readTree(fromTrades.toFile()).path("contracts");
        assertThat(traded.size()).as("contracts that traded").isGreaterThan(10);
        for (Iterator<String> it = traded.fieldNames(); it.hasNext(); ) {
            String contract = it.next();
            Map<Long, JsonNode> tradeDays = byDate(traded.get(contract));
            Map<Long, JsonNode> mboDays = byDate(mbo.get(contract));
            assertThat(mboDays).as(contract).containsKeys(tradeDays.keySet().toArray(Long[]::new));
            mboDays.forEach(
                    (date, m) -> {
                        JsonNode t = tradeDays.get(date);
                        if (t == null) {
                            assertThat(m.get("sum_log_volume").asDouble())
                                    .as("%s on %d: quotes only, no trade", contract, date)
                                    .isZero();
                            return;
                        }
                        assertThat(t.get("windows").asLong())
                                .as("%s: windows with trades, of all windows", contract)
                                .isLessThanOrEqualTo(m.get("windows").asLong());
                        assertThat(t.get("sum_log_volume").asDouble())
                                .as("%s volume", contract)
                                .isCloseTo(m.get("sum_log_volume").asDouble(), within(1e-9));
                        assertThat(t.get("sum_pressure").asDouble())
                                .as("%s pressure", contract)
                                .isCloseTo(m.get("sum_pressure").asDouble(), within(1e-9));
                    });
        }
    }

    private static Map<Long, JsonNode> byDate(JsonNode days) {
        Map<Long, JsonNode> out = new java.util.TreeMap<>();
        days.forEach(d -> out.put(d.get("date").asLong(), d));
        return out;
    }

    @Test
    void shouldStopWithTheApisAnswerWhenTheHistoricalRequestIsRefused() throws Exception {
        Path out = tmp.resolve("refused.json");
        try (FakeHistoricalApi api = new FakeHistoricalApi(Map.of())) {
            Result backfill =
                    backfill(
                            "--start",
                            "2026-11-02",
                            "--base-url",
                            api.baseUrl(),
                            "--out",
                            out.toString(),
                            "--parallelism",
                            "1");
            assertThat(backfill.exit()).as(backfill.output()).isEqualTo(3);
            assertThat(backfill.output())
                    .contains("422")
                    .contains("schema definition not served here")
                    .doesNotContain(KEY);
        }
        assertThat(out).doesNotExist();
    }

    private record Result(int exit, String output) {}

    /** {@code instflow backfill ARGS} as a user runs it, with the key in the environment. */
    private Result backfill(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(
                SharedTestData.repositoryRoot().resolve("cli/target/instflow-cli.jar").toString());
        command.add("backfill");
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "backfill-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(tmp.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().put("DATABENTO_API_KEY", KEY);
        builder.environment().put("INSTFLOW_CACHE", tmp.resolve("cache").toString());
        Process process = builder.start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("backfill finished").isTrue();
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** The T records of the simulated MBO days as one trades (MBP-0) file; returns how many. */
    private static long writeTrades(SimulationResult days, Path out) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(TradeDecoder.LENGTH);
        TradeEncoder trade = new TradeEncoder();
        long written = 0;
        Metadata first = null;
        try (DbnWriter writer = DbnWriter.create(out, true)) {
            for (SimulationResult.Day day : days.days()) {
                try (DbnReader reader = DbnReader.open(day.file())) {
                    Metadata m = reader.metadata();
                    if (first == null) {
                        first = m;
                        writer.writeMetadata(
                                new Metadata(
                                        m.version(),
                                        m.dataset(),
                                        Schema.TRADES.id(),
                                        m.start(),
                                        m.start() + 3 * 86_400_000_000_000L,
                                        0,
                                        m.stypeIn(),
                                        m.stypeOut(),
                                        false,
                                        m.symbols(),
                                        List.of(),
                                        List.of(),
                                        m.mappings()));
                    }
                    MboDecoder r = new MboDecoder();
                    while (reader.nextRecord()) {
                        if ((reader.buffer().getByte(reader.recordOffset() + 1) & 0xFF)
                                != RType.MBO) {
                            continue;
                        }
                        r.wrap(reader.buffer(), reader.recordOffset());
                        if (r.action() != 'T') {
                            continue;
                        }
                        trade.wrap(buffer, 0)
                                .publisherId(r.publisherId())
                                .instrumentId(r.instrumentId())
                                .tsEvent(r.tsEvent())
                                .price(r.price())
                                .size(r.size())
                                .side(r.side())
                                .flags(r.flags())
                                .tsRecv(r.tsRecv())
                                .tsInDelta(r.tsInDelta())
                                .sequence(r.sequence());
                        writer.writeRecord(buffer, 0, TradeDecoder.LENGTH);
                        written++;
                    }
                }
            }
        }
        return written;
    }

    private static int run(StringWriter err, String... args) {
        return InstflowCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }
}
