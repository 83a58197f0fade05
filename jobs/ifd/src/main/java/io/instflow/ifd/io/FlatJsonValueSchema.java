package io.instflow.ifd.io;

import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

import java.nio.charset.StandardCharsets;

/** Records as flat JSON ({@link FlatJson}) for the JSON mirror topics. */
public final class FlatJsonValueSchema<T extends IndexedRecord> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(T record) {
        return FlatJson.line(record).getBytes(StandardCharsets.UTF_8);
    }
}
