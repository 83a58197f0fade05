package io.instflow.ifd.io;

import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.schemas.AvroSerde;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the compacted definitions topic to its current end; the latest definition of each
 * instrument wins.
 */
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
        Map<Long, ContractInfo> out = new HashMap<>();
        TopicScan.readValuesToEnd(
                bootstrap,
                topic,
                Duration.ofMinutes(2),
                AvroSerde.of(InstrumentDefinition.class),
                d -> {
                    if (d.getSecurityUpdateAction() == DefinitionAction.DELETE) {
                        out.remove(d.getInstrumentId());
                    } else {
                        out.put(d.getInstrumentId(), ContractInfo.of(d));
                    }
                });
        return out;
    }
}
