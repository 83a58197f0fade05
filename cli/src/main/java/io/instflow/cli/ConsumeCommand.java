package io.instflow.cli;

import io.instflow.contract.kafka.CommittedEnd;
import io.instflow.schemas.TopicValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code instflow consume TOPIC}: prints a topic's records, Avro values decoded to JSON. */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description =
                "Print a topic's records (read_committed); Avro values are decoded with the project's schemas.")
final class ConsumeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(
            names = {"--bootstrap", "--bootstrap-server"},
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--from-beginning",
            description = "Start at the oldest record (default: only new records).")
    boolean fromBeginning;

    @Option(
            names = "--until-end",
            description = "Stop at the topic's end as of the start of the command.")
    boolean untilEnd;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    long max = Long.MAX_VALUE;

    @Option(
            names = "--json",
            description =
                    "One JSON object per line: topic, partition, offset, key, headers, value.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "error: topic '"
                                        + topic
                                        + "' does not exist on "
                                        + bootstrap
                                        + " (see 'instflow kafka topics')");
                return 1;
            }
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> end =
                    untilEnd
                            ? CommittedEnd.of(bootstrap, partitions, CommittedEnd.DEFAULT_WAIT)
                            : Map.of();
            long printed = 0;
            while (printed < max) {
                if (untilEnd && reachedEnd(consumer, end)) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (printed >= max) {
                        break;
                    }
                    out.println(json ? jsonLine(record) : textLine(record));
                    printed++;
                }
                out.flush();
            }
        }
        return 0;
    }

    private static boolean reachedEnd(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String textLine(ConsumerRecord<byte[], byte[]> record) {
        TopicValues.Decoded decoded = TopicValues.decodeOrExplain(record.value());
        String key = record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8);
        JsonNode mirror = decoded.value() == null ? jsonMirrorValue(record.value()) : null;
        String shown =
                decoded.value() != null
                        ? decoded.value().toString()
                        : mirror != null
                                ? mirror.toString()
                                : "(undecodable, "
                                        + (record.value() == null ? 0 : record.value().length)
                                        + " bytes: "
                                        + decoded.reason()
                                        + ")";
        return record.partition() + "/" + record.offset() + " " + key + " " + shown;
    }

    private static String jsonLine(ConsumerRecord<byte[], byte[]> record) throws Exception {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", record.timestamp());
        node.put(
                "key",
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        if (record.headers().toArray().length > 0) {
            ObjectNode headers = node.putObject("headers");
            for (Header h : record.headers()) {
                headers.put(
                        h.key(),
                        h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        TopicValues.Decoded decoded = TopicValues.decodeOrExplain(record.value());
        JsonNode mirror = decoded.value() == null ? jsonMirrorValue(record.value()) : null;
        if (decoded.value() != null) {
            node.put("type", decoded.value().getSchema().getName());
            node.set("value", JSON.readTree(decoded.value().toString()));
        } else if (mirror != null) {
            node.put("type", "json");
            node.set("value", mirror);
        } else {
            node.put("undecodable", decoded.reason());
            if (record.value() != null) {
                node.put("value_base64", Base64.getEncoder().encodeToString(record.value()));
            }
        }
        return JSON.writeValueAsString(node);
    }

    /** A JSON mirror topic's value (a flat JSON object), or null when the bytes are not one. */
    private static JsonNode jsonMirrorValue(byte[] value) {
        if (value == null || value.length == 0 || value[0] != '{') {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
