package io.instflow.ifd.io;

import io.instflow.avro.Signal;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.serialization.SerializationSchema;

/** Signals as JSON for the mirror topic: Avro's own JSON rendering, field names as in the schema. */
public final class SignalJsonSchema implements SerializationSchema<Signal> {

    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Signal signal) {
        return signal.toString().getBytes(StandardCharsets.UTF_8);
    }
}
