package io.instflow.bench;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.MetadataCodec;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;
import io.instflow.localkafka.LocalKafka;

import org.agrona.ExpandableArrayBuffer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Live gateway to Kafka end to end: the fake gateway streams MBO records over loopback, the live
 * client decodes them and the connector publishes them with the live producer settings (acks=all,
 * idempotent, lz4, 5 ms linger) to a real local broker; timed until every record is in the topic.
 *
 * <p>Usage: {@code bench/live-to-kafka.sh [records] [partitions] [runs]}.
 */
public final class LiveToKafka {

    private static final String KEY = "db-benchmarkkeybenchmarkkey12345";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Metadata metadata =
                new Metadata(
                        3,
                        "GLBX.MDP3",
                        Schema.NONE_ID,
                        0,
                        -1L,
                        0,
                        SType.NONE_ID,
                        SType.INSTRUMENT_ID.id(),
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
        byte[] header = MetadataCodec.encode(metadata);
        ExpandableArrayBuffer stream =
                new ExpandableArrayBuffer(header.length + records * MboDecoder.LENGTH);
        stream.putBytes(0, header);
        int end = new SyntheticMbo(1).fill(stream, header.length, records);
        byte[] bytes = new byte[end];
        stream.getBytes(0, bytes);
        LocalKafka kafka =
                LocalKafka.in(Files.createTempDirectory("instflow-live-bench-"), 0)
                        .start(Duration.ofSeconds(120));
        try (FakeGateway gateway = new FakeGateway(KEY, bytes, s -> FakeGateway.Plan.full())) {
            for (int run = 1; run <= runs; run++) {
                Topics topics = new Topics("run" + run + ".");
                TopicAdmin.ensure(kafka.bootstrapServers(), topics, partitions);
                LiveClientConfig config =
                        LiveClientConfig.builder(ApiKey.of(KEY))
                                .gateway("127.0.0.1", gateway.port())
                                .subscribe(
                                        new Subscription(
                                                "mbo", "parent", List.of("NQ.FUT"), false, null))
                                .reconnect(new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, 1))
                                .build();
                long start = System.nanoTime();
                try (KafkaPublisher publisher =
                        new KafkaPublisher(
                                kafka.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
                    LiveSource source = new LiveSource(config, publisher);
                    Thread reader = new Thread(source::run, "live-source");
                    reader.start();
                    waitForRecords(kafka.bootstrapServers(), topics.mbo(), partitions, records);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    source.stop();
                    reader.join();
                    System.out.printf(
                            "run %d: %,d MBO records gateway -> live client -> Kafka (%d partitions) in %.2f s: "
                                    + "%,.0f records/s%n",
                            run, records, partitions, seconds, records / seconds);
                }
            }
        } finally {
            kafka.stop();
        }
    }

    private static void waitForRecords(String bootstrap, String topic, int partitions, long records)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest =
                    java.util.stream.IntStream.range(0, partitions)
                            .boxed()
                            .collect(
                                    Collectors.toMap(
                                            p -> new TopicPartition(topic, p),
                                            p -> OffsetSpec.latest()));
            while (true) {
                long sum =
                        admin.listOffsets(latest).all().get().values().stream()
                                .mapToLong(o -> o.offset())
                                .sum();
                if (sum >= records) {
                    return;
                }
                // end offsets are the only completion signal the broker gives; 20 ms keeps timing
                // error small
                Thread.sleep(20);
            }
        }
    }
}
