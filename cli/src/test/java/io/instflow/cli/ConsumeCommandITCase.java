package io.instflow.cli;

import io.instflow.avro.Direction;
import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.OutputRecords;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code instflow consume} on a topic another program also wrote to: it shows everything. */
class ConsumeCommandITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void shouldShowAnUndecodableValueWithItsOffsetSizeAndReasonAndGoOnAndShowJsonMirrors()
            throws Exception {
        String topic = KAFKA.uniqueTopicPrefix() + "ifd.signals";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Signal signal =
                OutputRecords.signal(
                        "s-1", "NQZ6", 21_000, 1_800_000_000L, Direction.LONG, Tier.HIGH);
        byte[] foreign = "plain text, not a record".getBytes(StandardCharsets.UTF_8);
        byte[] mirror = "{\"signal_id\": \"s-1\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, foreign)).get();
            producer.send(
                            new ProducerRecord<>(
                                    topic, null, AvroSerde.of(Signal.class).serialize(signal)))
                    .get();
            producer.send(new ProducerRecord<>(topic, null, mirror)).get();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(out),
                        new PrintWriter(err),
                        "consume",
                        topic,
                        "--bootstrap",
                        KAFKA.bootstrapServers(),
                        "--from-beginning",
                        "--until-end");
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0))
                .startsWith("0/0 ")
                .contains("(undecodable, " + foreign.length + " bytes: ");
        assertThat(lines.get(1)).startsWith("0/1 ").contains("s-1");
        assertThat(lines.get(2))
                .as("a JSON mirror's value, shown as it is")
                .isEqualTo("0/2 - {\"signal_id\":\"s-1\"}");
    }
}
