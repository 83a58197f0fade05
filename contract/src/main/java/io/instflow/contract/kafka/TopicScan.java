package io.instflow.contract.kafka;

import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a whole topic once: every partition from the beginning to its end as of the call
 * (read_committed, with every transaction committed before the call: {@link CommittedEnd}).
 */
public final class TopicScan {

    private TopicScan() {}

    /**
     * Hands every record to {@code each}, partition by partition in offset order.
     *
     * @throws KafkaUnavailableException when the topic cannot be read to its end within {@code
     *     timeout}, after waiting at most as long for transactions open at the call
     */
    public static void readToEnd(
            String bootstrap,
            String topic,
            Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        KafkaSettings.consumer(bootstrap),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, timeout).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = CommittedEnd.of(bootstrap, partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaUnavailableException(
                            "could not read "
                                    + topic
                                    + " on "
                                    + bootstrap
                                    + " to its end within "
                                    + timeout.toSeconds()
                                    + " s",
                            null);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Every record of the topic, partition by partition in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> records(
            String bootstrap, String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        readToEnd(bootstrap, topic, timeout, records::add);
        return records;
    }

    /**
     * Every value of the topic, partition by partition in offset order.
     *
     * @throws io.instflow.schemas.AvroDecodeException naming the topic and offset of a value that
     *     is not a {@code T}
     */
    public static <T extends SpecificRecord> List<T> readAll(
            String bootstrap, String topic, Class<T> type, Duration timeout) {
        AvroSerde<T> serde = AvroSerde.of(type);
        List<T> values = new ArrayList<>();
        readToEnd(
                bootstrap,
                topic,
                timeout,
                r -> {
                    try {
                        values.add(serde.deserialize(r.value()));
                    } catch (AvroDecodeException e) {
                        throw new AvroDecodeException(
                                topic
                                        + " partition "
                                        + r.partition()
                                        + " offset "
                                        + r.offset()
                                        + ": "
                                        + e.getMessage(),
                                e);
                    }
                });
        return values;
    }

    /**
     * Hands every value of {@code T} to {@code each}; records that are not one (a foreign producer)
     * are skipped, and counted by the topic's own readers.
     */
    public static <T extends SpecificRecord> void readValuesToEnd(
            String bootstrap,
            String topic,
            Duration timeout,
            AvroSerde<T> serde,
            Consumer<T> each) {
        readToEnd(
                bootstrap,
                topic,
                timeout,
                r -> {
                    T value;
                    try {
                        value = serde.deserialize(r.value());
                    } catch (AvroDecodeException e) {
                        return;
                    }
                    each.accept(value);
                });
    }
}
