package io.instflow.contract.flink;

import io.instflow.contract.Deployment;
import io.instflow.contract.kafka.KafkaSettings;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;

/**
 * Kafka sources and sinks of the Flink jobs, built one way with the settings of {@link
 * KafkaSettings}: sources read committed data from the earliest offset (when bounded, to the end as
 * of the start, with every transaction committed before it: {@link CommittedEndOffsets}), sinks are
 * transactional with a prefix unique to the deployment and topic when exactly-once, at-least-once
 * otherwise (the preview mode).
 *
 * @param bootstrap Kafka bootstrap servers
 * @param deployment whose consumer group and transactional ids these are
 * @param bounded sources stop at the topics' ends as of the start
 * @param exactlyOnce transactional sinks
 */
public record KafkaConnectors(
        String bootstrap, Deployment deployment, boolean bounded, boolean exactlyOnce)
        implements java.io.Serializable {

    /**
     * Every record of {@code topic}: values of {@code type} that {@code guard} accepts as lefts,
     * everything else as {@link DeadLetter}s (see {@link DeadLetterSplitter}).
     */
    public <T extends SpecificRecordBase> KafkaSource<Either<T, DeadLetter>> guardedSource(
            String topic, Class<T> type, ValueGuard<T> guard) {
        var builder =
                KafkaSource.<Either<T, DeadLetter>>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId(deployment.name())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setProperties(KafkaSettings.consumer(bootstrap))
                        .setDeserializer(new GuardedValueSchema<>(type, guard));
        if (bounded) {
            builder.setBounded(new CommittedEndOffsets(bootstrap));
        }
        return builder.build();
    }

    /** Dead letters to {@code topic}: raw key and value, source and reason as headers. */
    public KafkaSink<DeadLetter> deadLetterSink(String topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(KafkaSettings.transactionalSink())
                .setRecordSerializer(new DeadLetterRecordSchema(topic))
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(deployment.transactionalIdPrefix(topic))
                .build();
    }

    /** Avro values of {@code type} to {@code topic}, keyed by {@code key}. */
    public <T extends SpecificRecordBase> KafkaSink<T> sink(
            String topic, Class<T> type, OutputRecordSchema.Key<T> key) {
        return sink(topic, key, new AvroValueSchema<>(type));
    }

    /**
     * Avro values of {@code type} to {@code topic} without transactions whatever the mode: a
     * preview readers see at once, which a restart may repeat.
     */
    public <T extends SpecificRecordBase> KafkaSink<T> previewSink(
            String topic, Class<T> type, OutputRecordSchema.Key<T> key) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(
                        new OutputRecordSchema<>(topic, key, new AvroValueSchema<>(type)))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Values serialized by {@code value} to {@code topic}, keyed by {@code key}. */
    public <T> KafkaSink<T> sink(
            String topic, OutputRecordSchema.Key<T> key, SerializationSchema<T> value) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(KafkaSettings.transactionalSink())
                .setRecordSerializer(new OutputRecordSchema<>(topic, key, value))
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(deployment.transactionalIdPrefix(topic))
                .build();
    }
}
