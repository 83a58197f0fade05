package io.instflow.contract.flink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Output records of the job: a text key and a serialized value, with the Kafka timestamp left to
 * the producer (the time of writing). Stamping outputs with their event time would make the
 * broker's time-based retention delete a replay of past sessions as soon as it is written.
 */
public final class OutputRecordSchema<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** The record key of an element. */
    @FunctionalInterface
    public interface Key<T> extends Serializable {
        String of(T element);
    }

    private final String topic;
    private final Key<T> key;
    private final SerializationSchema<T> value;

    public OutputRecordSchema(String topic, Key<T> key, SerializationSchema<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                key.of(element).getBytes(StandardCharsets.UTF_8),
                value.serialize(element));
    }
}
