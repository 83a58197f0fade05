package io.instflow.ifd;

import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.barchart.client.BarchartWebClient;
import io.instflow.barchart.client.ChainResponses;
import io.instflow.barchart.client.FakeBarchartSite;
import io.instflow.barchart.client.WebConfig;
import io.instflow.barchart.symbols.NqSeriesCodes;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.dbn.MetadataCodec;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;
import io.instflow.ingest.barchart.BarchartSource;
import io.instflow.ingest.failover.FailoverPolicy;
import io.instflow.ingest.failover.FailoverService;
import io.instflow.ingest.failover.Transition;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.ChainBuilder;
import io.instflow.simulator.Contract;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.Await;
import io.instflow.testing.KafkaBroker;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage from the gateway to the signals. The fake Databento gateway streams a simulated session
 * through the connector service; the gateway goes down; after the grace period the service fails
 * over and polls the fake Barchart site, whose chain of two of the session's weekly calls shows
 * buying; the gateway comes back and replays; after the hold period the service fails back. The
 * connector's clock runs sixty times faster than the wall, anchored in the session, so the
 * transitions land inside it. The job then runs over everything the connector published: windows in
 * the outage come from the Barchart estimates only and make degraded signals, stamped; windows
 * outside it come from MBO only; both transitions are on the status topic.
 */
@Timeout(400)
class FailoverEndToEndITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String KEY = "db-unittestapikey1234567890FFFFF";
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration BARCHART_DELAY = Duration.ofMinutes(10);

    /**
     * Trade times come in whole seconds and a request's latency counts sixty-fold on the session
     * clock.
     */
    private static final String DELAY_NOTE =
            "the chain's ten-minute delay, give or take the request";

    @TempDir static Path dir;

    @Test
    void shouldDetectOnBarchartThroughAnOutageAndReturnToDatabento() throws Exception {
        SimulatorConfig simulation =
                SimulatorConfig.builder(dir).days(1).minutes(75).seed(8).episodesPerDay(0).build();
        SimulationResult session = new MarketSimulator(simulation).run(line -> {});
        List<Contract> weeklyCalls =
                ChainBuilder.build(simulation).stream()
                        .filter(c -> c.isCall() && c.root().startsWith("QN"))
                        .sorted(Comparator.comparingLong(Contract::strike))
                        .toList();
        List<Contract> chosen =
                weeklyCalls.subList(weeklyCalls.size() / 2, weeklyCalls.size() / 2 + 2);
        byte[] definitions = decompress(session.definitions());
        byte[] mbo = decompress(session.days().get(0).file());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(mbo, 0, recordsStart(mbo));
        stream.write(
                definitions,
                recordsStart(definitions),
                definitions.length - recordsStart(definitions));
        stream.write(mbo, recordsStart(mbo), mbo.length - recordsStart(mbo));
        Instant sessionStart = Instant.ofEpochSecond(0, firstEvent(mbo));

        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 2);
        SessionClock clock = new SessionClock(sessionStart.plus(Duration.ofMinutes(5)), 60);
        AtomicInteger polls = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Instant failoverFrom;
        Instant failbackFrom;
        try (FakeGateway gateway =
                        new FakeGateway(KEY, stream.toByteArray(), s -> FakeGateway.Plan.full());
                FakeBarchartSite site = new FakeBarchartSite(clock);
                KafkaPublisher publisher =
                        new KafkaPublisher(
                                KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            gateway.heartbeatWhenIdle(Duration.ofMillis(200));
            site.headerOnlyAccepted = true;
            LiveClientConfig config =
                    LiveClientConfig.builder(ApiKey.of(KEY))
                            .gateway("127.0.0.1", gateway.port())
                            .subscribe(
                                    new Subscription(
                                            "definition",
                                            "parent",
                                            List.of("NQ.OPT", "NQ.FUT"),
                                            false,
                                            null))
                            .subscribe(
                                    new Subscription(
                                            "mbo",
                                            "parent",
                                            List.of("NQ.OPT", "NQ.FUT"),
                                            false,
                                            null))
                            .heartbeatInterval(Duration.ofSeconds(1))
                            .reconnect(
                                    new ReconnectPolicy(
                                            Duration.ofMillis(100), Duration.ofMillis(300), 0.2, 0))
                            .build();
            LiveSource primary =
                    new LiveSource(
                            publisher,
                            listener ->
                                    new LiveClient(
                                            config,
                                            listener,
                                            () -> clock.instant().toEpochMilli() * 1_000_000L,
                                            d -> Thread.sleep(d.toMillis())));
            BarchartWebClient barchart =
                    new BarchartWebClient(
                            WebConfig.defaults()
                                    .withBaseUrl(site.url())
                                    .withMinInterval(Duration.ofMillis(100)),
                            BarchartWebClient.defaultStrategies(Optional.empty()),
                            Clock.systemUTC(),
                            d -> Thread.sleep(d.toMillis()),
                            new SplittableRandom(5));
            // a 3-minute grace is 3 s of wall time at sixty-fold, which also covers the primary's
            // start on a loaded machine
            FailoverPolicy policy =
                    new FailoverPolicy(
                            Duration.ofMinutes(1),
                            Duration.ofMinutes(3),
                            Duration.ofMinutes(2),
                            Duration.ofMinutes(5),
                            WINDOW);

            FailoverService service =
                    new FailoverService(
                            primary,
                            backup(site, chosen, polls, barchart, publisher, topics, clock),
                            publisher,
                            policy,
                            clock);
            CompletableFuture<Void> run =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    service.run(running::get);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            try {
                await(
                        () -> primary.client().delivered() >= gateway.recordCount(),
                        "the primary's stream");
                clock.awaitSession(sessionStart.plus(Duration.ofMinutes(8)));
                assertThat(polls)
                        .as("no Barchart polling while the primary is healthy")
                        .hasValue(0);

                gateway.down(true);
                await(
                        () -> service.controller().source() == Transition.Source.BARCHART,
                        "the failover");
                failoverFrom = service.controller().transitions().get(0).effectiveFrom();

                clock.awaitSession(failoverFrom.plus(Duration.ofMinutes(25)));
                gateway.down(false);
                await(
                        () -> service.controller().source() == Transition.Source.DATABENTO,
                        "the failback");
                failbackFrom = service.controller().transitions().get(1).effectiveFrom();
            } finally {
                running.set(false);
                run.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(failbackFrom)
                .as("MBO windows follow the failback")
                .isBefore(sessionStart.plus(Duration.ofMinutes(65)));

        List<FeedStatus> switches =
                TopicScan.records(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(30))
                        .stream()
                        .map(r -> AvroSerde.of(FeedStatus.class).deserialize(r.value()))
                        .filter(s -> s.getSource().equals("failover"))
                        .toList();
        assertThat(switches)
                .extracting(FeedStatus::getKind)
                .containsExactly(FeedStatusKind.FAILOVER, FeedStatusKind.FAILBACK);
        assertThat(switches)
                .extracting(FeedStatus::getEffectiveFrom)
                .containsExactly(nanos(failoverFrom), nanos(failbackFrom));

        long from = nanos(failoverFrom);
        long to = nanos(failbackFrom);
        List<BarchartOptionQuote> snapshots =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                topics.barchartOptions(),
                                Duration.ofSeconds(30))
                        .stream()
                        .map(r -> AvroSerde.of(BarchartOptionQuote.class).deserialize(r.value()))
                        .toList();
        assertThat(snapshots)
                .as("Barchart polled only while it governed")
                .isNotEmpty()
                .allSatisfy(
                        q ->
                                assertThat(q.getObservedAt())
                                        .isGreaterThanOrEqualTo(from - WINDOW.toNanos())
                                        .isLessThan(to));

        String prefix = "e.";
        IfdConfig job =
                new IfdConfig(
                        KAFKA.bootstrapServers(),
                        topics.prefix(),
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
                StreamExecutionEnvironment.getExecutionEnvironment(IfdJob.environment(job));
        env.setParallelism(2);
        IfdPipeline.wire(env, job);
        env.execute("ifd-failover-end-to-end");

        List<PressureMetrics> pressure =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                prefix + "ifd.pressure",
                                Duration.ofSeconds(60))
                        .stream()
                        .map(r -> AvroSerde.of(PressureMetrics.class).deserialize(r.value()))
                        .toList();
        List<String> symbols = chosen.stream().map(Contract::rawSymbol).toList();
        assertThat(pressure)
                .filteredOn(PressureMetrics::getDegraded)
                .as("estimates in the outage's windows only")
                .isNotEmpty()
                .allSatisfy(
                        p -> {
                            assertThat(p.getWindowStart())
                                    .isGreaterThanOrEqualTo(from)
                                    .isLessThan(to);
                            assertThat(p.getSource()).isEqualTo("BARCHART");
                            assertThat(p.getDelayMs())
                                    .as(DELAY_NOTE)
                                    .isBetween(
                                            BARCHART_DELAY.toMillis(),
                                            BARCHART_DELAY.toMillis() + 10_000);
                            assertThat(p.getSellVolume()).as("no MBO trade mixed in").isZero();
                            assertThat(symbols).contains(p.getRawSymbol());
                        });
        assertThat(pressure)
                .filteredOn(p -> !p.getDegraded())
                .as("MBO windows outside the outage only")
                .isNotEmpty()
                .allSatisfy(
                        p ->
                                assertThat(p.getWindowStart() < from || p.getWindowStart() >= to)
                                        .isTrue())
                .anySatisfy(p -> assertThat(p.getWindowStart()).isGreaterThanOrEqualTo(to));

        List<Signal> degraded =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                prefix + "ifd.signals",
                                Duration.ofSeconds(60))
                        .stream()
                        .map(r -> AvroSerde.of(Signal.class).deserialize(r.value()))
                        .filter(x -> x.getMetrics().getDegraded())
                        .toList();
        assertThat(degraded)
                .as("degraded signals during the outage")
                .isNotEmpty()
                .allSatisfy(
                        x -> {
                            assertThat(x.getMetrics().getSource()).isEqualTo("BARCHART");
                            assertThat(x.getMetrics().getDelayMs())
                                    .as(DELAY_NOTE)
                                    .isBetween(
                                            BARCHART_DELAY.toMillis(),
                                            BARCHART_DELAY.toMillis() + 10_000);
                            assertThat(x.getMetrics().getWindowStart())
                                    .isGreaterThanOrEqualTo(from)
                                    .isLessThan(to);
                            assertThat(x.getDirection().name())
                                    .as("calls bought: long")
                                    .isEqualTo("LONG");
                        });
    }

    /**
     * The Barchart source polling the fake site, whose chain holds the chosen weekly calls of the
     * session, each poll showing more volume traded at the ask ten minutes before.
     */
    private static BarchartSource backup(
            FakeBarchartSite site,
            List<Contract> chosen,
            AtomicInteger polls,
            BarchartWebClient barchart,
            KafkaPublisher publisher,
            Topics topics,
            Clock clock) {
        Contract first = chosen.get(0);
        String series =
                NqSeriesCodes.toBarchartRoot(first.root()).orElseThrow()
                        + first.rawSymbol().charAt(first.root().length())
                        + String.format("%02d", first.maturityYear() % 100);
        site.serve(
                series,
                now -> {
                    int k = polls.incrementAndGet();
                    List<ChainResponses.Row> rows = new ArrayList<>();
                    for (int c = 0; c < chosen.size(); c++) {
                        Contract contract = chosen.get(c);
                        rows.add(
                                new ChainResponses.Row(
                                        barchartSymbol(contract),
                                        contract.strikePoints(),
                                        true,
                                        12.25,
                                        12.5,
                                        12.5,
                                        100L * (c + 1) + 40L * (c + 1) * k,
                                        500,
                                        now.minus(BARCHART_DELAY)));
                    }
                    return ChainResponses.chain(rows);
                });
        return new BarchartSource(
                barchart,
                publisher,
                topics,
                new BarchartSource.Settings(
                        List.of(series), List.of(), Duration.ofMinutes(1), Duration.ofMinutes(1)),
                clock);
    }

    /**
     * Barchart's symbol of a weekly NQ option, e.g. {@code MQ1X6|21025C} for {@code QN1X6 C21025}.
     */
    private static String barchartSymbol(Contract c) {
        String monthAndYear = c.rawSymbol().substring(c.root().length(), c.root().length() + 2);
        return NqSeriesCodes.toBarchartRoot(c.root()).orElseThrow()
                + monthAndYear
                + "|"
                + Math.round(c.strikePoints())
                + "C";
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static long firstEvent(byte[] mbo) throws Exception {
        long[] first = {Long.MAX_VALUE};
        try (DbnReader reader = DbnReader.of(new ByteArrayInputStream(mbo), false, "mbo")) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            first[0] = Math.min(first[0], r.tsEvent());
                        }
                    });
        }
        return first[0];
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

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(90), what);
    }

    /** Session time running {@code rate} times faster than the wall, from {@code start} on. */
    private static final class SessionClock extends Clock {
        private final Instant start;
        private final long wallStart = System.nanoTime();
        private final long rate;

        SessionClock(Instant start, long rate) {
            this.start = start;
            this.rate = rate;
        }

        @Override
        public Instant instant() {
            return start.plusNanos((System.nanoTime() - wallStart) * rate);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void awaitSession(Instant at) throws InterruptedException {
            long wallMs = Duration.between(instant(), at).toMillis() / rate;
            if (wallMs > 0) {
                Thread.sleep(wallMs);
            }
        }
    }
}
