package io.instflow.ifd.io;

import io.instflow.avro.FeedStatus;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.logic.SourceSwitch;
import io.instflow.schemas.AvroSerde;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the status topic to its current end and keeps the failover transitions, by the boundary
 * they apply from.
 */
public final class KafkaSwitches implements SwitchesLoader {

    private static final long serialVersionUID = 1L;

    private final String bootstrap;
    private final String topic;

    public KafkaSwitches(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public Map<Long, String> load() {
        Map<Long, String> out = new HashMap<>();
        TopicScan.readValuesToEnd(
                bootstrap,
                topic,
                Duration.ofMinutes(2),
                AvroSerde.of(FeedStatus.class),
                s -> {
                    String governing = SourceSwitch.governing(s);
                    if (governing != null) {
                        out.put(s.getEffectiveFrom() / 1_000_000L, governing);
                    }
                });
        return out;
    }
}
