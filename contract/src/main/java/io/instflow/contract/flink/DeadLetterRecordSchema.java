package io.instflow.contract.flink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A dead letter as it goes to the dead-letter topic: the raw key and value, the rest as headers.
 */
public final class DeadLetterRecordSchema implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterRecordSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.SOURCE_TOPIC, utf8(d.topic));
        headers.add(DeadLetter.SOURCE_PARTITION, utf8(Integer.toString(d.partition)));
        headers.add(DeadLetter.SOURCE_OFFSET, utf8(Long.toString(d.offset)));
        headers.add(DeadLetter.REASON, utf8(d.reason));
        return new ProducerRecord<>(topic, null, null, d.key, d.value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
