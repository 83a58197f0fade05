package io.instflow.ifd;

import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.Episode;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulator session into a real broker, through the job on a MiniCluster, signals read back. */
@Timeout(600)
class IfdPipelineITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    static SimulationResult session;
    static Topics input;

    @BeforeAll
    static void publishSession() {
        session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(60)
                                        .seed(21)
                                        .episodesPerDay(4)
                                        .build())
                        .run(line -> {});
        input = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), input, 2);
        List<Path> files = new ArrayList<>();
        files.add(session.definitions());
        session.days().forEach(d -> files.add(d.file()));
        try (KafkaPublisher publisher =
                new KafkaPublisher(
                        KAFKA.bootstrapServers(), input, "GLBX.MDP3", KafkaPublisher.BULK)) {
            new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher);
        }
    }

    static List<Signal> run(String outputPrefix, DetectorParams params) throws Exception {
        return run(outputPrefix, params, null);
    }

    static List<Signal> run(
            String outputPrefix,
            DetectorParams params,
            org.apache.flink.api.common.functions.MapFunction<
                            io.instflow.avro.MboEvent, io.instflow.avro.MboEvent>
                    hook)
            throws Exception {
        IfdConfig config =
                new IfdConfig(
                        KAFKA.bootstrapServers(),
                        input.prefix(),
                        outputPrefix,
                        params,
                        5,
                        2000,
                        5000,
                        1000,
                        true,
                        true);
        org.apache.flink.configuration.Configuration conf = IfdJob.environment(config);
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        IfdPipeline.wire(env, config, hook);
        env.execute("ifd-test-" + outputPrefix);
        AvroSerde<Signal> serde = AvroSerde.of(Signal.class);
        List<Signal> signals = new ArrayList<>();
        TopicScan.records(
                        KAFKA.bootstrapServers(),
                        outputPrefix + "ifd.signals",
                        Duration.ofSeconds(60))
                .forEach(r -> signals.add(serde.deserialize(r.value())));
        return signals;
    }

    static List<Rejection> rejections(String outputPrefix) {
        AvroSerde<Rejection> serde = AvroSerde.of(Rejection.class);
        List<Rejection> out = new ArrayList<>();
        TopicScan.records(
                        KAFKA.bootstrapServers(),
                        outputPrefix + "ifd.rejections",
                        Duration.ofSeconds(60))
                .forEach(r -> out.add(serde.deserialize(r.value())));
        return out;
    }

    /** The exploratory profile with the market-making threshold at 0.7: straddles still fail it. */
    static DetectorParams lenientMarketMaking() {
        return DetectorParams.exploratory().toBuilder()
                .profile("testing-mm07")
                .mmMaxProbability(0.7)
                .diagnostics(false)
                .build();
    }

    @Test
    void shouldScoreEpisodesAndRejectStraddlesAndSpoofingForTheirReasons() throws Exception {
        createOutputTopics("a.");
        // with diagnostics, accepted candidates are on the rejections topic too
        run("a.", DetectorParams.exploratory().toBuilder().diagnostics(true).build());
        List<Rejection> rejected = rejections("a.");
        for (Episode e : session.episodes()) {
            List<Rejection> during =
                    rejected.stream()
                            .filter(
                                    r ->
                                            e.rawSymbols().contains(r.getMetrics().getRawSymbol())
                                                    && r.getMetrics().getWindowEnd() > e.startNs()
                                                    && r.getMetrics().getWindowStart() < e.endNs())
                            .toList();
            switch (e.kind()) {
                case Episode.STRADDLE ->
                        assertThat(during)
                                .as("straddle %s", e.rawSymbols())
                                .filteredOn(r -> r.getMetrics().getBuyVolume() > 100)
                                .isNotEmpty()
                                .allSatisfy(
                                        r ->
                                                assertThat(r.getFailedGates())
                                                        .contains("market_making"));
                case Episode.SPOOF ->
                        assertThat(during)
                                .as("spoofing %s", e.rawSymbols())
                                .filteredOn(r -> r.getSpoofRatio() > 0.5)
                                .isNotEmpty()
                                .allSatisfy(
                                        r -> assertThat(r.getFailedGates()).contains("spoofing"));
                default -> {
                    String expected =
                            e.optionType().equals("C") == e.direction().equals("BUY")
                                    ? "LONG"
                                    : "SHORT";
                    assertThat(during)
                            .as("institutional %s", e.rawSymbols())
                            .filteredOn(
                                    r ->
                                            r.getComponents() != null
                                                    && r.getComponents().getRaw() > 0.75)
                            .isNotEmpty()
                            .allSatisfy(
                                    r -> assertThat(r.getDirection().name()).isEqualTo(expected));
                }
            }
        }
    }

    @Test
    void shouldSignalInstitutionalFlowOnlyAndReplayToTheSameIds() throws Exception {
        createOutputTopics("b.");
        createOutputTopics("c.");
        List<Signal> first = run("b.", lenientMarketMaking());
        List<Signal> second = run("c.", lenientMarketMaking());
        assertThat(first).isNotEmpty();
        for (Signal s : first) {
            Episode match =
                    session.episodes().stream()
                            .filter(e -> e.kind().equals(Episode.INSTITUTIONAL))
                            .filter(e -> e.rawSymbols().contains(s.getMetrics().getRawSymbol()))
                            .filter(
                                    e ->
                                            s.getMetrics().getWindowEnd() > e.startNs()
                                                    && s.getMetrics().getWindowStart() < e.endNs())
                            .findFirst()
                            .orElse(null);
            assertThat(match)
                    .as(
                            "signal %s at %d matches an institutional episode",
                            s.getMetrics().getRawSymbol(), s.getMetrics().getWindowStart())
                    .isNotNull();
            String expected =
                    match.optionType().equals("C") == match.direction().equals("BUY")
                            ? "LONG"
                            : "SHORT";
            assertThat(s.getDirection().name()).isEqualTo(expected);
        }
        long institutional =
                session.episodes().stream()
                        .filter(e -> e.kind().equals(Episode.INSTITUTIONAL))
                        .count();
        long detected =
                session.episodes().stream()
                        .filter(e -> e.kind().equals(Episode.INSTITUTIONAL))
                        .filter(
                                e ->
                                        first.stream()
                                                .anyMatch(
                                                        s ->
                                                                e.rawSymbols()
                                                                                .contains(
                                                                                        s.getMetrics()
                                                                                                .getRawSymbol())
                                                                        && s.getMetrics()
                                                                                        .getWindowEnd()
                                                                                > e.startNs()
                                                                        && s.getMetrics()
                                                                                        .getWindowStart()
                                                                                < e.endNs()))
                        .count();
        assertThat(detected).as("institutional episodes detected").isEqualTo(institutional);
        Set<String> ids = new TreeSet<>();
        first.forEach(s -> ids.add(s.getSignalId()));
        Set<String> again = new TreeSet<>();
        second.forEach(s -> again.add(s.getSignalId()));
        assertThat(again).as("a replay of the same input gives the same signal ids").isEqualTo(ids);
        assertThat(
                        TopicScan.records(
                                KAFKA.bootstrapServers(),
                                "b.ifd.signals.json",
                                Duration.ofSeconds(60)))
                .as("JSON mirror")
                .hasSameSizeAs(first)
                .allSatisfy(
                        r ->
                                assertThat(
                                                new String(
                                                        r.value(),
                                                        java.nio.charset.StandardCharsets.UTF_8))
                                        .contains("\"signal_id\""));
        assertBars("b.");
        AvroSerde<io.instflow.avro.PipelineMetric> metrics =
                AvroSerde.of(io.instflow.avro.PipelineMetric.class);
        Map<String, Double> totals = new java.util.TreeMap<>();
        TopicScan.records(KAFKA.bootstrapServers(), "b.ifd.metrics", Duration.ofSeconds(60))
                .forEach(
                        r -> {
                            io.instflow.avro.PipelineMetric m = metrics.deserialize(r.value());
                            totals.merge(
                                    m.getName(),
                                    m.getValue(),
                                    m.getName().equals("signals") || m.getName().equals("windows")
                                            ? Double::sum
                                            : Math::max);
                        });
        assertThat(totals.get("signals")).as("signals metric").isEqualTo((double) first.size());
        assertThat(totals.get("records_per_second")).isPositive();
        assertThat(totals)
                .containsKeys(
                        "windows",
                        "candidates",
                        "rejections",
                        "emit_latency_ms",
                        "watermark_lag_ms");
    }

    /**
     * Bars of the front future: one per minute with trades, 5-minute bars exactly their five
     * 1-minute bars.
     */
    private static void assertBars(String prefix) {
        AvroSerde<io.instflow.avro.Bar> serde = AvroSerde.of(io.instflow.avro.Bar.class);
        List<io.instflow.avro.Bar> minute = new ArrayList<>();
        TopicScan.records(KAFKA.bootstrapServers(), prefix + "bars.1m", Duration.ofSeconds(60))
                .forEach(r -> minute.add(serde.deserialize(r.value())));
        List<io.instflow.avro.Bar> five = new ArrayList<>();
        TopicScan.records(KAFKA.bootstrapServers(), prefix + "bars.5m", Duration.ofSeconds(60))
                .forEach(r -> five.add(serde.deserialize(r.value())));
        assertThat(minute)
                .hasSizeGreaterThanOrEqualTo(55)
                .allSatisfy(
                        b -> {
                            assertThat(b.getSymbol()).isEqualTo("NQZ6");
                            assertThat(b.getLow())
                                    .isLessThanOrEqualTo(b.getOpen())
                                    .isLessThanOrEqualTo(b.getHigh());
                            assertThat(b.getBuyVolume() + b.getSellVolume() + b.getUnknownVolume())
                                    .isEqualTo(b.getVolume());
                            assertThat(b.getDelta())
                                    .isEqualTo(b.getBuyVolume() - b.getSellVolume());
                        });
        assertThat(five).hasSizeGreaterThanOrEqualTo(11);
        for (io.instflow.avro.Bar bar : five) {
            List<io.instflow.avro.Bar> parts =
                    minute.stream()
                            .filter(
                                    m ->
                                            m.getWindowStart() >= bar.getWindowStart()
                                                    && m.getWindowEnd() <= bar.getWindowEnd())
                            .toList();
            assertThat(parts.stream().mapToLong(io.instflow.avro.Bar::getVolume).sum())
                    .isEqualTo(bar.getVolume());
            assertThat(parts.stream().mapToLong(io.instflow.avro.Bar::getDelta).sum())
                    .isEqualTo(bar.getDelta());
            assertThat(parts.stream().mapToLong(io.instflow.avro.Bar::getHigh).max().orElseThrow())
                    .isEqualTo(bar.getHigh());
        }
    }

    /**
     * As a live deployment runs: unbounded, the definitions source never ending, and the market
     * data pausing (longer than the idleness timeout) between two sessions. Event time must advance
     * with the first session and again with the second, whose bars must not be taken for late.
     */
    @Test
    void shouldAdvanceEventTimeAcrossAPauseInAnUnboundedRun() throws Exception {
        SimulationResult twoDays =
                new MarketSimulator(
                                SimulatorConfig.builder(dir.resolve("unbounded"))
                                        .days(2)
                                        .minutes(20)
                                        .seed(4)
                                        .episodesPerDay(0)
                                        .build())
                        .run(line -> {});
        Topics live = new Topics("u.in.");
        // one partition: a burst replayed into several partitions after the job went idle lets the
        // first partition to
        // wake carry event time past the others' records; live feeds resume on every partition
        // together
        TopicAdmin.ensure(KAFKA.bootstrapServers(), live, 1);
        createOutputTopics("u.");
        publish(live, twoDays.definitions(), twoDays.days().get(0).file());
        IfdConfig config =
                new IfdConfig(
                        KAFKA.bootstrapServers(),
                        live.prefix(),
                        "u.",
                        DetectorParams.exploratory(),
                        5,
                        2000,
                        5000,
                        1000,
                        false,
                        true);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(IfdJob.environment(config));
        env.setParallelism(2);
        IfdPipeline.wire(env, config);
        org.apache.flink.core.execution.JobClient job =
                env.executeAsync(config.deployment().name());
        try {
            assertThat(awaitBars("u.bars.1m", 18))
                    .as("first session's 1-minute bars while the job keeps running")
                    .isGreaterThanOrEqualTo(18);
            // longer than the 5 s idleness timeout: the sources go idle before the second session
            Thread.sleep(8_000);
            publish(live, twoDays.days().get(1).file());
            assertThat(awaitBars("u.bars.1m", 38))
                    .as("the second session's bars too: nothing after the pause is late")
                    .isGreaterThanOrEqualTo(38);
        } finally {
            job.cancel().get();
        }
    }

    private static void publish(Topics topics, Path... files) {
        try (KafkaPublisher publisher =
                new KafkaPublisher(
                        KAFKA.bootstrapServers(), topics, "GLBX.MDP3", KafkaPublisher.BULK)) {
            new FileReplay(List.of(files), 0, FileReplay.Progress.NONE).run(publisher);
        }
    }

    private static int awaitBars(String topic, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int bars = 0;
        while (bars < atLeast && System.nanoTime() < deadline) {
            // committed output appears with each 1 s checkpoint; poll rather than guess
            Thread.sleep(2_000);
            bars = TopicScan.records(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(5)).size();
        }
        return bars;
    }

    @Test
    void shouldCommitTheSameSignalsWhenATaskFailsMidStream() throws Exception {
        createOutputTopics("d.");
        createOutputTopics("e.");
        List<Signal> clean = run("d.", lenientMarketMaking());
        List<Signal> recovered =
                run("e.", lenientMarketMaking(), new FailOnce("pipeline", 400_000));
        assertThat(FailOnce.failed("pipeline")).as("the failure was injected").isTrue();
        List<String> cleanIds = clean.stream().map(Signal::getSignalId).sorted().toList();
        List<String> recoveredIds = recovered.stream().map(Signal::getSignalId).sorted().toList();
        assertThat(cleanIds).isNotEmpty();
        assertThat(recoveredIds)
                .as("committed signals after a failure and restore: none lost, none duplicated")
                .isEqualTo(cleanIds);
    }

    private static void createOutputTopics(String prefix) {
        io.instflow.contract.kafka.TopicAdmin.ensure(
                KAFKA.bootstrapServers(),
                new Topics(prefix),
                io.instflow.contract.Topic.Set.IFD,
                2);
    }
}
