package io.instflow.ingest.failover;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.barchart.client.BarchartWebClient;
import io.instflow.barchart.client.FakeBarchartSite;
import io.instflow.barchart.client.WebConfig;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;
import io.instflow.ingest.barchart.BarchartSource;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.Await;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector service with its backup, in real time against a real broker: the fake Databento
 * gateway streams, then goes down; after the grace period the service fails over and Barchart
 * snapshots (the fake site serving a real capture) flow, stamped degraded; the gateway returns,
 * replays, and after the hold period the service fails back and stops polling Barchart. Both
 * transitions are on the status topic with the window boundary they apply from.
 */
@Timeout(180)
class FailoverServiceITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final String KEY = "db-unittestapikey1234567890FFFFF";
    private static final long NOW = 1_703_545_200_000_000_000L;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(3);

    @Test
    void shouldFailOverToBarchartAndBack() throws Exception {
        byte[] stream;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst")))) {
            stream = in.readAllBytes();
        }
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 2);
        AtomicBoolean running = new AtomicBoolean(true);
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.full());
                FakeBarchartSite site = new FakeBarchartSite(Clock.systemUTC());
                KafkaPublisher publisher =
                        new KafkaPublisher(
                                KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            gateway.heartbeatWhenIdle(Duration.ofMillis(200));
            site.headerOnlyAccepted = true;
            site.serve(
                    "MQ4M25",
                    SharedTestData.file(
                            "barchart/nq-options-trading-system/barchart_api_MQ4M25_140605.json"));
            LiveClientConfig config =
                    LiveClientConfig.builder(ApiKey.of(KEY))
                            .gateway("127.0.0.1", gateway.port())
                            .subscribe(
                                    new Subscription(
                                            "mbo", "raw_symbol", List.of("ESH4"), false, null))
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
                                            () -> NOW,
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
            BarchartSource backup =
                    new BarchartSource(
                            barchart,
                            publisher,
                            topics,
                            new BarchartSource.Settings(
                                    List.of("MQ4M25"),
                                    List.of("NQH4"),
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(1)),
                            Clock.systemUTC());
            // the grace also covers the primary's start (handshake, the publisher's first metadata
            // fetch), which takes about 0.4 s here and longer on a loaded machine
            FailoverPolicy policy =
                    new FailoverPolicy(
                            SILENCE_LIMIT,
                            GRACE,
                            Duration.ofSeconds(2),
                            Duration.ofMinutes(5),
                            WINDOW);
            FailoverService service =
                    new FailoverService(primary, backup, publisher, policy, Clock.systemUTC());
            CompletableFuture<Void> run =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    service.run(running::get);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });

            await(
                    () -> primary.client().delivered() >= gateway.recordCount(),
                    "the primary's stream");
            // nothing must happen while the primary is healthy; an absence has no event to await,
            // so the watch outlasts a silence limit and a grace together, the soonest a failover
            // could come
            Thread.sleep(SILENCE_LIMIT.plus(GRACE).plusMillis(500).toMillis());
            assertThat(service.controller().transitions())
                    .as("a healthy primary, heartbeats only")
                    .isEmpty();
            assertThat(site.apiRequests())
                    .as("no Barchart polling while the primary is healthy")
                    .isEmpty();

            gateway.down(true);
            await(
                    () -> service.controller().source() == Transition.Source.BARCHART,
                    "the failover");
            await(() -> site.apiRequests().size() >= 2, "Barchart polls");

            gateway.down(false);
            await(
                    () -> service.controller().source() == Transition.Source.DATABENTO,
                    "the failback");
            int polls = site.apiRequests().size();
            // polling must not resume: watch for longer than the series interval
            Thread.sleep(1_500);
            assertThat(site.apiRequests()).as("polling stops after the failback").hasSize(polls);

            running.set(false);
            run.get(30, TimeUnit.SECONDS);
        }

        List<FeedStatus> status =
                TopicScan.records(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(30))
                        .stream()
                        .map(r -> AvroSerde.of(FeedStatus.class).deserialize(r.value()))
                        .toList();
        List<FeedStatus> switches =
                status.stream().filter(s -> s.getSource().equals("failover")).toList();
        assertThat(switches)
                .extracting(FeedStatus::getKind)
                .containsExactly(FeedStatusKind.FAILOVER, FeedStatusKind.FAILBACK);
        FeedStatus failover = switches.get(0);
        FeedStatus failback = switches.get(1);
        assertThat(failover.getDegraded()).isTrue();
        assertThat(failover.getMessage())
                .contains("failing over to Barchart")
                .contains("primary disconnected");
        assertThat(failback.getMessage())
                .contains("failing back to Databento")
                .contains("replay complete");
        long window = WINDOW.toNanos();
        assertThat(failover.getEffectiveFrom() % window).as("on a window boundary").isZero();
        assertThat(failback.getEffectiveFrom() % window).isZero();
        assertThat(failback.getEffectiveFrom()).isGreaterThan(failover.getEffectiveFrom());
        assertThat(status)
                .anySatisfy(
                        s -> {
                            assertThat(s.getSource()).isEqualTo("barchart");
                            assertThat(s.getKind()).isEqualTo(FeedStatusKind.STREAMING);
                        });
        assertThat(
                        TopicScan.records(
                                KAFKA.bootstrapServers(),
                                topics.barchartOptions(),
                                Duration.ofSeconds(30)))
                .as("Barchart snapshots flowed during the outage")
                .hasSizeGreaterThanOrEqualTo(706);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(60), what);
    }
}
