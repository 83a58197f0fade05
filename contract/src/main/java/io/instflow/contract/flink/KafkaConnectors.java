package io.instflow.contract.flink;

import io.instflow.contract.Deployment;
import io.instflow.contract.kafka.KafkaSettings;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * Kafka sources and sinks of the Flink jobs, built one way with the settings of {@link
 * KafkaSettings}: sources read committed data from the earliest offset (to the end as of the start
 * when bounded), sinks are transactional with a prefix unique to the deployment and topic when
 * exactly-once, at-least-once otherwise (the preview mode).
 *
 * @param bootstrap Kafka bootstrap servers
 * @param deployment whose consumer group and transactional ids these are
 * @param bounded sources stop at the topics' ends as of the start
 * @param exactlyOnce transactional sinks
 */
public record KafkaConnectors(
        String bootstrap, Deployment deployment, boolean bounded, boolean exactlyOnce)
        implements java.io.Serializable {

    /** Avro values of {@code type} from {@code topic}, in the deployment's consumer group. */
    public <T extends SpecificRecordBase> KafkaSource<T> source(String topic, Class<T> type) {
        return source(topic, type, deployment.name());
    }

    /** As {@link #source(String, Class)}, in a consumer group of its own. */
    public <T extends SpecificRecordBase> KafkaSource<T> source(
            String topic, Class<T> type, String groupId) {
        var builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setProperties(KafkaSettings.consumer(bootstrap))
                        .setValueOnlyDeserializer(new AvroValueSchema<>(type));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Avro values of {@code type} to {@code topic}, keyed by {@code key}. */
    public <T extends SpecificRecordBase> KafkaSink<T> sink(
            String topic, Class<T> type, OutputRecordSchema.Key<T> key) {
        return sink(topic, key, new AvroValueSchema<>(type));
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
