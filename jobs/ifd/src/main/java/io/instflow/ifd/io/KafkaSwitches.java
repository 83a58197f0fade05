package io.instflow.ifd.io;

import io.instflow.avro.FeedStatus;
import io.instflow.ifd.logic.SourceSwitch;
import io.instflow.ingest.TopicScan;
import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reads the status topic to its current end and keeps the failover transitions, by the boundary they apply from. */
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
        AvroSerde<FeedStatus> serde = AvroSerde.of(FeedStatus.class);
        Map<Long, String> out = new HashMap<>();
        TopicScan.readToEnd(bootstrap, topic, Duration.ofMinutes(2), r -> {
            try {
                FeedStatus s = serde.deserialize(r.value());
                String governing = SourceSwitch.governing(s);
                if (governing != null) {
                    out.put(s.getEffectiveFrom() / 1_000_000L, governing);
                }
            } catch (AvroDecodeException e) {
                // not a status event: the status topic's readers report such records
            }
        });
        return out;
    }
}
