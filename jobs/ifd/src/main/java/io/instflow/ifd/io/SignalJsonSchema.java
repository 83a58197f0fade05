package io.instflow.ifd.io;

import io.instflow.avro.Signal;

import org.apache.flink.api.common.serialization.SerializationSchema;

import java.nio.charset.StandardCharsets;

/** Signals as flat JSON for the mirror topic ({@link FlatJson}). */
public final class SignalJsonSchema implements SerializationSchema<Signal> {

    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Signal signal) {
        return FlatJson.line(signal).getBytes(StandardCharsets.UTF_8);
    }
}
