package io.instflow.contract.flink;

import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Kafka values in Avro single-object encoding, both ways. A value that is not one (the wrong topic,
 * a foreign producer) is skipped and counted in the {@code undecodableRecords} metric rather than
 * failing the job into a restart loop.
 */
public final class AvroValueSchema<T extends SpecificRecordBase>
        implements DeserializationSchema<T>, SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient AvroSerde<T> serde;
    private transient Counter undecodable;

    public AvroValueSchema(Class<T> type) {
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        serde = AvroSerde.of(type);
        undecodable = context.getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context) {
        serde = AvroSerde.of(type);
    }

    /** The decoded value, or {@code null} (which Flink skips) when the bytes are not one. */
    @Override
    public T deserialize(byte[] message) {
        try {
            return serde.deserialize(message);
        } catch (AvroDecodeException e) {
            undecodable.inc();
            return null;
        }
    }

    @Override
    public void deserialize(byte[] message, Collector<T> out) {
        T value = deserialize(message);
        if (value != null) {
            out.collect(value);
        }
    }

    @Override
    public byte[] serialize(T element) {
        return serde.serialize(element);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return new AvroTypeInfo<>(type);
    }
}
