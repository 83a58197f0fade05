package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.MboEvent;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;
import io.instflow.testing.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live gateway into a real broker: drops at random points still give every record exactly once.
 */
@Timeout(300)
class LiveSourceKafkaITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    static final String KEY = "db-unittestapikey1234567890FFFFF";
    static final long NOW = 1_703_545_200_000_000_000L;

    @Test
    void shouldPublishEveryRecordExactlyOnceDespiteDisconnects() throws Exception {
        byte[] stream;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst")))) {
            stream = in.readAllBytes();
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long[] drops = {
            random.nextLong(1, 30_000), random.nextLong(1, 30_000), random.nextLong(1, 30_000)
        };
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 2);
        try (FakeGateway gateway =
                        new FakeGateway(
                                KEY,
                                stream,
                                s ->
                                        s <= drops.length
                                                ? FakeGateway.Plan.dropAfter(drops[s - 1])
                                                : FakeGateway.Plan.full());
                KafkaPublisher publisher =
                        new KafkaPublisher(
                                KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            LiveClientConfig config =
                    LiveClientConfig.builder(ApiKey.of(KEY))
                            .gateway("127.0.0.1", gateway.port())
                            .subscribe(
                                    new Subscription(
                                            "mbo", "raw_symbol", List.of("ESH4"), false, null))
                            .reconnect(
                                    new ReconnectPolicy(
                                            Duration.ofMillis(20), Duration.ofMillis(100), 0.2, 5))
                            .build();
            LiveSource source =
                    new LiveSource(
                            publisher,
                            listener ->
                                    new LiveClient(
                                            config,
                                            listener,
                                            () -> NOW,
                                            d -> Thread.sleep(d.toMillis())));
            CompletableFuture<Void> run = CompletableFuture.runAsync(source::run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (source.client().delivered() < gateway.recordCount()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            source.stop();
            run.get(30, TimeUnit.SECONDS);
            assertThat(gateway.sessions()).isEqualTo(4);
        }
        AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
        List<String> published = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(
                        KAFKA.bootstrapServers(), topics.mbo(), Duration.ofSeconds(60))) {
            MboEvent e = serde.deserialize(r.value());
            published.add(
                    e.getTsRecv()
                            + "/"
                            + e.getSequence()
                            + "/"
                            + e.getOrderId()
                            + "/"
                            + e.getAction()
                            + "/"
                            + e.getSize());
        }
        List<String> expected = new ArrayList<>();
        try (io.instflow.dbn.io.DbnReader reader =
                io.instflow.dbn.io.DbnReader.of(
                        new java.io.ByteArrayInputStream(stream), false, "file")) {
            reader.readAll(
                    new io.instflow.dbn.RecordHandler() {
                        @Override
                        public void onMbo(io.instflow.dbn.record.MboDecoder r) {
                            expected.add(
                                    r.tsRecv()
                                            + "/"
                                            + r.sequence()
                                            + "/"
                                            + r.orderId()
                                            + "/"
                                            + io.instflow.contract.MboFields.action(r.action())
                                            + "/"
                                            + r.size());
                        }
                    });
        }
        assertThat(published)
                .as("one instrument, one partition: the file's order exactly")
                .isEqualTo(expected);

        AvroSerde<FeedStatus> statuses = AvroSerde.of(FeedStatus.class);
        List<FeedStatusKind> kinds = new ArrayList<>();
        TopicReader.readAll(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(60))
                .forEach(r -> kinds.add(statuses.deserialize(r.value()).getKind()));
        assertThat(kinds)
                .contains(
                        FeedStatusKind.AUTHENTICATED,
                        FeedStatusKind.STREAMING,
                        FeedStatusKind.DISCONNECTED,
                        FeedStatusKind.RECONNECTING,
                        FeedStatusKind.RECOVERED);
        assertThat(kinds.stream().filter(k -> k == FeedStatusKind.DISCONNECTED).count())
                .isEqualTo(3);
    }
}
