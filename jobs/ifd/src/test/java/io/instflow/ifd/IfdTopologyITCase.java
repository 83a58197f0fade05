package io.instflow.ifd;

import io.instflow.avro.Bar;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Signal;
import io.instflow.contract.Deployment;
import io.instflow.contract.flink.RecordTypes;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.simulator.Episode;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's topology fed from memory ({@code fromData}), no broker: a simulated session through the
 * same assembly the Kafka job uses, on a MiniCluster at parallelism 2.
 */
@Timeout(300)
class IfdTopologyITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    static SimulationResult session;
    static SessionRecords records;

    @BeforeAll
    static void simulate() {
        session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(60)
                                        .seed(21)
                                        .episodesPerDay(4)
                                        .build())
                        .run(line -> {});
        records = SessionRecords.of(session);
    }

    @Test
    void shouldDetectTheSessionsEpisodesAndStampEveryMetricWithTheDeploymentsOneName()
            throws Exception {
        IfdConfig config =
                new IfdConfig(
                        "unused:9092",
                        "",
                        "shadow.",
                        DetectorParams.exploratory(),
                        5,
                        2000,
                        5000,
                        1000,
                        true,
                        false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        IfdPipeline.Outputs out =
                IfdPipeline.buildTopology(
                        env.fromData(records.mbo(), RecordTypes.of(MboEvent.class))
                                .assignTimestampsAndWatermarks(IfdPipeline.mboWatermarks(config)),
                        env.fromData(
                                        records.definitions(),
                                        RecordTypes.of(InstrumentDefinition.class))
                                .assignTimestampsAndWatermarks(IfdPipeline.definitionWatermarks()),
                        config,
                        records.preload());
        CloseableIterator<Signal> signals = out.signals().collectAsync();
        CloseableIterator<PipelineMetric> metrics = out.metrics().collectAsync();
        CloseableIterator<Bar> bars = out.bars().collectAsync();
        CloseableIterator<Bar> forming = out.formingBars().collectAsync();
        env.executeAsync("topology");
        // every result is drained while the job runs: a collect sink waits for its reader
        CompletableFuture<List<PipelineMetric>> reading =
                CompletableFuture.supplyAsync(() -> drain(metrics));
        CompletableFuture<List<Bar>> readingBars = CompletableFuture.supplyAsync(() -> drain(bars));
        CompletableFuture<List<Bar>> readingForming =
                CompletableFuture.supplyAsync(() -> drain(forming));
        List<Signal> found = drain(signals);
        List<PipelineMetric> reported = reading.get(5, TimeUnit.MINUTES);
        List<Bar> closed = readingBars.get(5, TimeUnit.MINUTES);
        Map<String, Bar> lastPreview = new HashMap<>();
        readingForming.get(5, TimeUnit.MINUTES).forEach(b -> lastPreview.put(barKey(b), b));
        assertThat(closed).as("closed bars").isNotEmpty();
        assertThat(lastPreview).as("one preview series per closed bar").hasSameSizeAs(closed);
        assertThat(closed)
                .as("each bar's last preview is the bar as it closed")
                .allSatisfy(b -> assertThat(lastPreview.get(barKey(b))).isEqualTo(b));
        Set<Long> episodeContracts = new TreeSet<>();
        session.episodes().stream()
                .filter(e -> Episode.INSTITUTIONAL.equals(e.kind()))
                .forEach(e -> episodeContracts.addAll(e.instrumentIds()));
        assertThat(found)
                .as("signals from the in-memory session")
                .isNotEmpty()
                .anyMatch(s -> episodeContracts.contains(s.getMetrics().getInstrumentId()));

        String name = Deployment.ifd("exploratory", "shadow.").name();
        assertThat(reported)
                .extracting(m -> m.getName())
                .contains("records_per_second", "windows", "signals");
        assertThat(reported)
                .allSatisfy(m -> assertThat(m.getJob()).as(m.getName()).isEqualTo(name));
    }

    private static String barKey(Bar b) {
        return b.getSymbol() + "|" + b.getIntervalSeconds() + "|" + b.getWindowStart();
    }

    private static <T> List<T> drain(CloseableIterator<T> it) {
        List<T> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
