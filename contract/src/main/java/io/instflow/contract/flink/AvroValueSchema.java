package io.instflow.contract.flink;

import io.instflow.schemas.AvroSerde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Kafka values in Avro single-object encoding, as the jobs' sinks write them. Reading goes through
 * {@link GuardedValueSchema}, which turns a value that is not one into a dead letter.
 */
public final class AvroValueSchema<T extends SpecificRecordBase> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient AvroSerde<T> serde;

    public AvroValueSchema(Class<T> type) {
        this.type = type;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context) {
        serde = AvroSerde.of(type);
    }

    @Override
    public byte[] serialize(T element) {
        return serde.serialize(element);
    }
}
