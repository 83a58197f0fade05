package io.instflow.contract.flink;

import io.instflow.schemas.AvroDecodeException;
import io.instflow.schemas.AvroSerde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records as either a value the job may use (left) or a {@link DeadLetter} saying why not
 * (right): bytes that are not a value of {@code T} (tombstones, foreign producers, corrupt data)
 * and values the {@link ValueGuard} rejects. Nothing is dropped and nothing throws, so one bad
 * record can neither stop the job nor vanish.
 */
public final class GuardedValueSchema<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Either<T, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final ValueGuard<T> guard;
    private transient AvroSerde<T> serde;

    public GuardedValueSchema(Class<T> type, ValueGuard<T> guard) {
        this.type = type;
        this.guard = guard;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        serde = AvroSerde.of(type);
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<Either<T, DeadLetter>> out) {
        T value;
        try {
            value = serde.deserialize(record.value());
        } catch (AvroDecodeException e) {
            out.collect(Either.Right(deadLetter(record, "undecodable: " + e.getMessage())));
            return;
        }
        String rejected = guard.reject(value, record.partition());
        out.collect(
                rejected == null ? Either.Left(value) : Either.Right(deadLetter(record, rejected)));
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                reason);
    }

    @Override
    public TypeInformation<Either<T, DeadLetter>> getProducedType() {
        return new EitherTypeInfo<>(RecordTypes.of(type), TypeInformation.of(DeadLetter.class));
    }
}
