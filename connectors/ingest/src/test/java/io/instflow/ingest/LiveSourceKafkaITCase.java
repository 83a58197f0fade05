package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.MboEvent;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;

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
        assertThat(
                        stream(
                                stream,
                                session ->
                                        session <= drops.length
                                                ? FakeGateway.Plan.dropAfter(drops[session - 1])
                                                : FakeGateway.Plan.full(),
                                topics))
                .isEqualTo(4);
        AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
        List<String> published = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                TopicScan.records(KAFKA.bootstrapServers(), topics.mbo(), Duration.ofSeconds(60))) {
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
        TopicScan.records(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(60))
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

    @Test
    void shouldDeadLetterARecordShorterThanItsLayoutWithoutReconnecting() throws Exception {
        byte[] original;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst")))) {
            original = in.readAllBytes();
        }
        int metadata =
                8
                        + java.nio.ByteBuffer.wrap(original, 4, 4)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                .getInt();
        int at = metadata + 1000 * 56;
        java.nio.ByteBuffer shortDefinition =
                java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long tsRecv =
                java.nio.ByteBuffer.wrap(original, at - 56 + 40, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        shortDefinition
                .put(0, (byte) 16)
                .put(1, (byte) 0x13)
                .putLong(8, tsRecv)
                .putLong(16, tsRecv);
        byte[] stream = new byte[original.length + 64];
        System.arraycopy(original, 0, stream, 0, at);
        System.arraycopy(shortDefinition.array(), 0, stream, at, 64);
        System.arraycopy(original, at, stream, at + 64, original.length - at);
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 1);

        assertThat(stream(stream, session -> FakeGateway.Plan.full(), topics))
                .as("one session: a short record is no connection loss")
                .isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicScan.records(
                        KAFKA.bootstrapServers(), topics.deadLetter(), Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(shortDefinition.array());
        assertThat(
                        new String(
                                dead.get(0).headers().lastHeader("reason").value(),
                                java.nio.charset.StandardCharsets.UTF_8))
                .contains("64 bytes, shorter than its");
        long mbo =
                TopicScan.records(KAFKA.bootstrapServers(), topics.mbo(), Duration.ofSeconds(60))
                        .size();
        long[] expected = new long[1];
        try (io.instflow.dbn.io.DbnReader reader =
                io.instflow.dbn.io.DbnReader.of(
                        new java.io.ByteArrayInputStream(original), false, "file")) {
            reader.readAll(
                    new io.instflow.dbn.RecordHandler() {
                        @Override
                        public void onMbo(io.instflow.dbn.record.MboDecoder r) {
                            expected[0]++;
                        }
                    });
        }
        assertThat(mbo).as("every MBO record, once").isEqualTo(expected[0]);
    }

    /**
     * Streams {@code stream} from a fake gateway that plays {@code plans} per session into {@code
     * topics} until every record is delivered; returns the number of sessions it took.
     */
    private static int stream(
            byte[] stream, java.util.function.IntFunction<FakeGateway.Plan> plans, Topics topics)
            throws Exception {
        try (FakeGateway gateway = new FakeGateway(KEY, stream, plans);
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
            io.instflow.testing.Await.until(
                    () -> source.client().delivered() >= gateway.recordCount(),
                    Duration.ofSeconds(120),
                    "every record of the gateway delivered");
            source.stop();
            run.get(30, TimeUnit.SECONDS);
            return gateway.sessions();
        }
    }
}
