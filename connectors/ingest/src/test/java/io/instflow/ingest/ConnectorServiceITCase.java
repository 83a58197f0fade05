package io.instflow.ingest;

import io.instflow.contract.Topics;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.testing.Await;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.SharedTestData;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector service as deployed: a settings file, the (fake) gateway, a real broker, a clean
 * stop.
 */
@Timeout(300)
class ConnectorServiceITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    static final String KEY = "db-unittestapikey1234567890FFFFF";

    @TempDir Path dir;

    @Test
    void shouldStreamTheGatewayIntoTheTopicsItCreatesAndStopCleanly() throws Exception {
        byte[] stream = fixture();
        long expected = mboRecords(stream);
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.full())) {
            Path settings = settings(topics, gateway);
            ConnectorService service =
                    new ConnectorService(
                            ConnectorConfig.load(
                                    settings, Map.of("INSTFLOW_KAFKA_PARTITIONS", "3")),
                            ApiKey.of(KEY));
            CompletableFuture<ConnectorService.Counts> run =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return service.run();
                                } catch (InterruptedException e) {
                                    throw new CompletionException(e);
                                }
                            });
            AtomicLong published = new AtomicLong();
            Await.until(
                    () -> published.updateAndGet(n -> endOffsets(topics.mbo())) >= expected,
                    Duration.ofSeconds(120),
                    "the gateway's " + expected + " MBO records on " + topics.mbo());
            service.stop();
            ConnectorService.Counts counts = run.get(30, TimeUnit.SECONDS);
            assertThat(counts.mboRecords()).isEqualTo(expected);
            assertThat(published.get()).isEqualTo(expected);
        }
        try (Admin admin = admin()) {
            assertThat(
                            admin.describeTopics(java.util.List.of(topics.mbo()))
                                    .allTopicNames()
                                    .get()
                                    .get(topics.mbo())
                                    .partitions())
                    .as("partitions from the environment's override")
                    .hasSize(3);
            assertThat(admin.listTopics().names().get())
                    .contains(topics.definitions(), topics.status());
        }
    }

    @Test
    void shouldStopWithWhatToFixWhenTheGatewayRefusesTheKey() throws Exception {
        String wrong = "db-wrongapikey0000000000000AAAAA";
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        try (FakeGateway gateway = new FakeGateway(KEY, fixture(), s -> FakeGateway.Plan.full())) {
            Path settings = settings(topics, gateway);
            ConnectorService service =
                    new ConnectorService(
                            ConnectorConfig.load(settings, Map.of()), ApiKey.of(wrong));
            org.assertj.core.api.Assertions.assertThatThrownBy(service::run)
                    .isInstanceOf(io.instflow.databento.GatewayException.class)
                    .hasMessageContaining("authentication failed")
                    .hasMessageContaining(ApiKey.VARIABLE)
                    .hasMessageNotContaining(wrong);
        }
    }

    /** connector.properties for the test broker under {@code topics}, subscribing ESH4's MBO. */
    private Path settings(Topics topics, FakeGateway gateway) throws java.io.IOException {
        return Files.writeString(
                dir.resolve("connector.properties"),
                "kafka.bootstrap = "
                        + KAFKA.bootstrapServers()
                        + "\nkafka.topic.prefix = "
                        + topics.prefix()
                        + "\ndatabento.gateway = 127.0.0.1:"
                        + gateway.port()
                        + "\ndatabento.symbols = ESH4\ndatabento.stype.in = raw_symbol\ndatabento.schemas = mbo\n");
    }

    /** A real MBO session (Databento's ESH4 file) for the fake gateway to serve. */
    private static byte[] fixture() throws java.io.IOException {
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst")))) {
            return in.readAllBytes();
        }
    }

    private static long mboRecords(byte[] stream) {
        AtomicLong n = new AtomicLong();
        try (DbnReader reader = DbnReader.of(new ByteArrayInputStream(stream), false, "fixture")) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            n.incrementAndGet();
                        }
                    });
        }
        return n.get();
    }

    private static long endOffsets(String topic) {
        try (Admin admin = admin()) {
            var partitions =
                    admin.describeTopics(java.util.List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(
                    p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }
}
