package io.instflow.contract.kafka;

import io.instflow.localkafka.LocalKafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read to the end of a topic on a real broker includes the transaction a writer commits while the
 * read waits, and leaves out, after the wait, one that stays open.
 */
class CommittedEndITCase {

    @TempDir static Path dir;
    private static LocalKafka kafka;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.in(dir, 0).start(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        kafka.stop();
    }

    @Test
    void shouldReadATransactionCommittedWhileTheReadWaits() throws Exception {
        String topic = topic("committed");
        try (KafkaProducer<byte[], byte[]> producer = transactional("committed")) {
            producer.beginTransaction();
            send(producer, topic, 10);
            producer.flush();
            CompletableFuture<Integer> read =
                    CompletableFuture.supplyAsync(
                            () ->
                                    TopicScan.records(
                                                    kafka.bootstrapServers(),
                                                    topic,
                                                    Duration.ofSeconds(30))
                                            .size());
            assertThat(read).as("waits for the open transaction").isNotDone();
            // time for the read to take its ends before the commit: a read that stopped at the
            // last stable offset as it stood would then find nothing
            Thread.sleep(500);
            producer.commitTransaction();
            assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(10);
        }
    }

    @Test
    void shouldStopBeforeATransactionStillOpenAfterTheWait() {
        String topic = topic("open");
        try (KafkaProducer<byte[], byte[]> producer = transactional("open")) {
            producer.beginTransaction();
            send(producer, topic, 4);
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, topic, 6);
            producer.flush();
            List<TopicPartition> partitions =
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            Map<TopicPartition, Long> end =
                    CommittedEnd.of(kafka.bootstrapServers(), partitions, Duration.ofMillis(500));
            assertThat(end.values().stream().mapToLong(Long::longValue).sum())
                    .as("four records and a commit marker on each partition")
                    .isEqualTo(6);
            producer.abortTransaction();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int n) {
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(topic, i % 2, null, new byte[] {(byte) i}));
        }
    }

    private static String topic(String name) {
        try (Admin admin = Admin.create(KafkaSettings.admin(kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError("could not create " + name, e);
        }
        return name;
    }

    private static KafkaProducer<byte[], byte[]> transactional(String id) {
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                id),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }
}
