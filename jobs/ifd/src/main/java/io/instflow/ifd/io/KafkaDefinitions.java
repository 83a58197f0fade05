package io.instflow.ifd.io;

import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the compacted definitions topic to its current end; the latest definition of each instrument wins. */
public final class KafkaDefinitions implements DefinitionsLoader {

    private static final long serialVersionUID = 1L;

    private final String bootstrap;
    private final String topic;

    public KafkaDefinitions(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public Map<Long, ContractInfo> load() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroSerde<InstrumentDefinition> serde = AvroSerde.of(InstrumentDefinition.class);
        Map<Long, ContractInfo> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        InstrumentDefinition d = serde.deserialize(r.value());
                        if (d.getSecurityUpdateAction() == DefinitionAction.DELETE) {
                            out.remove(d.getInstrumentId());
                        } else {
                            out.put(d.getInstrumentId(), ContractInfo.of(d));
                        }
                    } catch (AvroDecodeException e) {
                        // not a definition: the broadcast path counts such records
                    }
                }
            }
        }
        return out;
    }
}
