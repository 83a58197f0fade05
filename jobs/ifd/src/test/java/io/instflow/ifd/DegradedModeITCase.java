package io.instflow.ifd;

import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.ifd.io.KafkaDefinitions;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's degraded mode through Kafka: a simulated session's MBO on the primary topics, Barchart
 * snapshots of two of its option contracts, a FAILOVER from the connector effective at one window
 * boundary and a FAILBACK at a later one. Windows outside the outage come from MBO only; windows in
 * it come from the Barchart estimates only, stamped {@code BARCHART}, degraded, with their delay;
 * their volume is the snapshots' session-volume differences, and the heavy one-sided estimated flow
 * makes degraded signals that carry the same stamps, in Avro and in the JSON mirror.
 */
@Timeout(300)
class DegradedModeITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long WINDOW_NS = 5 * MINUTE_NS;
    private static final long DELAY_MS = 600_000;

    @TempDir static Path dir;

    @Test
    void shouldTakeEachWindowFromTheSourceThatGovernsIt() throws Exception {
        SimulationResult session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(50)
                                        .seed(8)
                                        .episodesPerDay(0)
                                        .build())
                        .run(line -> {});
        Topics input = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), input, 2);
        List<Path> files = new ArrayList<>(List.of(session.definitions()));
        session.days().forEach(d -> files.add(d.file()));
        long[] span = {Long.MAX_VALUE, 0};
        try (DbnReader reader = DbnReader.open(session.days().get(0).file())) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            span[0] = Math.min(span[0], r.tsEvent());
                            span[1] = Math.max(span[1], r.tsEvent());
                        }
                    });
        }
        long boundary = Math.floorDiv(span[0] + 15 * MINUTE_NS, WINDOW_NS) * WINDOW_NS;
        List<ContractInfo> calls = new KafkaDefinitionsAfterReplay(input, files).calls();
        List<String> chosen = List.of(calls.get(0).rawSymbol, calls.get(1).rawSymbol);

        long failback = boundary + 3 * WINDOW_NS;
        long[] expected = new long[2];
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), input, "GLBX.MDP3", Map.of())) {
            AvroSerde<BarchartOptionQuote> serde = AvroSerde.of(BarchartOptionQuote.class);
            for (int c = 0; c < 2; c++) {
                long base = 100 * (c + 1);
                publisher.publish(
                        input.barchartOptions(),
                        chosen.get(c),
                        serde.serialize(quote(chosen.get(c), boundary - 4 * MINUTE_NS, base)));
                long volume = base;
                for (long t = boundary;
                        t < Math.min(failback + WINDOW_NS, span[1] - MINUTE_NS);
                        t += MINUTE_NS) {
                    volume += 40 * (c + 1);
                    publisher.publish(
                            input.barchartOptions(),
                            chosen.get(c),
                            serde.serialize(quote(chosen.get(c), t, volume)));
                    if (t < failback) {
                        expected[c] += 40 * (c + 1);
                    }
                }
            }
            publisher.status(
                    publisher
                            .statusEvent("failover", FeedStatusKind.FAILOVER, "test failover")
                            .setDegraded(true)
                            .setEffectiveFrom(boundary)
                            .build());
            publisher.status(
                    publisher
                            .statusEvent("failover", FeedStatusKind.FAILBACK, "test failback")
                            .setEffectiveFrom(failback)
                            .build());
        }
        assertThat(failback)
                .as("the session goes on after the failback")
                .isLessThan(span[1] - 2 * WINDOW_NS);

        String prefix = "d.";
        IfdConfig config =
                new IfdConfig(
                        KAFKA.bootstrapServers(),
                        input.prefix(),
                        prefix,
                        DetectorParams.exploratory(),
                        5,
                        2000,
                        5000,
                        1000,
                        true,
                        true,
                        true);
        io.instflow.contract.kafka.TopicAdmin.ensure(
                KAFKA.bootstrapServers(),
                new io.instflow.contract.Topics(prefix),
                io.instflow.contract.Topic.Set.IFD,
                2);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(IfdJob.environment(config));
        env.setParallelism(2);
        IfdPipeline.wire(env, config);
        env.execute("ifd-degraded-test");

        AvroSerde<PressureMetrics> serde = AvroSerde.of(PressureMetrics.class);
        List<PressureMetrics> pressure =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                prefix + "ifd.pressure",
                                Duration.ofSeconds(60))
                        .stream()
                        .map(r -> serde.deserialize(r.value()))
                        .toList();
        List<PressureMetrics> degraded =
                pressure.stream().filter(PressureMetrics::getDegraded).toList();
        List<PressureMetrics> primary = pressure.stream().filter(p -> !p.getDegraded()).toList();
        assertThat(primary)
                .as("MBO windows outside the outage only")
                .isNotEmpty()
                .allSatisfy(
                        p ->
                                assertThat(
                                                p.getWindowStart() < boundary
                                                        || p.getWindowStart() >= failback)
                                        .isTrue());
        assertThat(primary)
                .as("MBO again after the failback")
                .anySatisfy(p -> assertThat(p.getWindowStart()).isGreaterThanOrEqualTo(failback));
        assertThat(degraded)
                .as("Barchart windows during the outage only")
                .isNotEmpty()
                .allSatisfy(
                        p -> {
                            assertThat(p.getWindowStart())
                                    .isGreaterThanOrEqualTo(boundary)
                                    .isLessThan(failback);
                            assertThat(p.getSource()).isEqualTo("BARCHART");
                            assertThat(p.getDelayMs()).isEqualTo(DELAY_MS);
                            assertThat(p.getBuyShare())
                                    .as("the last at the ask: bought")
                                    .isEqualTo(1.0);
                            assertThat(p.getSellVolume()).as("no MBO trade mixed in").isZero();
                            assertThat(chosen).contains(p.getRawSymbol());
                        });
        for (int c = 0; c < 2; c++) {
            String raw = chosen.get(c);
            assertThat(
                            degraded.stream()
                                    .filter(p -> p.getRawSymbol().equals(raw))
                                    .mapToLong(PressureMetrics::getBuyVolume)
                                    .sum())
                    .as("estimated volume of %s", raw)
                    .isEqualTo(expected[c]);
        }

        AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
        List<Signal> degradedSignals =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                prefix + "ifd.signals",
                                Duration.ofSeconds(60))
                        .stream()
                        .map(r -> signals.deserialize(r.value()))
                        .filter(x -> x.getMetrics().getDegraded())
                        .toList();
        assertThat(degradedSignals)
                .as("degraded signals from the estimated flow")
                .isNotEmpty()
                .allSatisfy(
                        x -> {
                            assertThat(x.getMetrics().getSource()).isEqualTo("BARCHART");
                            assertThat(x.getMetrics().getDelayMs()).isEqualTo(DELAY_MS);
                            assertThat(x.getMetrics().getWindowStart())
                                    .isGreaterThanOrEqualTo(boundary)
                                    .isLessThan(failback);
                            assertThat(x.getDirection().name())
                                    .as("calls bought: long")
                                    .isEqualTo("LONG");
                        });
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> mirror = new ArrayList<>();
        for (var r :
                TopicScan.records(
                        KAFKA.bootstrapServers(),
                        prefix + "ifd.signals.json",
                        Duration.ofSeconds(60))) {
            mirror.add(json.readTree(r.value()));
        }
        assertThat(mirror)
                .filteredOn(x -> x.path("degraded").asBoolean())
                .hasSameSizeAs(degradedSignals)
                .allSatisfy(
                        x -> {
                            assertThat(x.path("source").asText()).isEqualTo("BARCHART");
                            assertThat(x.path("delay_ms").asLong()).isEqualTo(DELAY_MS);
                        });
    }

    /** A snapshot of one contract whose data time is {@code dataNs}, observed ten minutes later. */
    private static BarchartOptionQuote quote(String raw, long dataNs, long sessionVolume) {
        long e9 = 1_000_000_000L;
        return BarchartOptionQuote.newBuilder()
                .setAccess("header-only")
                .setBarchartSymbol(raw)
                .setRawSymbol(raw)
                .setStrikePrice(0)
                .setOptionType("CALL")
                .setBid(10 * e9)
                .setAsk(11 * e9)
                .setLast(11 * e9)
                .setSettlement(false)
                .setSessionVolume(sessionVolume)
                .setObservedAt(dataNs + DELAY_MS * 1_000_000L)
                .setDataTime(dataNs)
                .setDelayMs(DELAY_MS)
                .build();
    }

    /** Replays the session's files, then loads its call definitions back from the topic. */
    private record KafkaDefinitionsAfterReplay(Topics input, List<Path> files) {
        List<ContractInfo> calls() {
            try (KafkaPublisher publisher =
                    new KafkaPublisher(
                            KAFKA.bootstrapServers(), input, "GLBX.MDP3", KafkaPublisher.BULK)) {
                new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher);
            }
            return new KafkaDefinitions(KAFKA.bootstrapServers(), input.definitions())
                    .load().values().stream()
                            .filter(ContractInfo::isCall)
                            .sorted(java.util.Comparator.comparing(c -> c.rawSymbol))
                            .toList();
        }
    }
}
