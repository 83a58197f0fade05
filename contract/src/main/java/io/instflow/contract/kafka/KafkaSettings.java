package io.instflow.contract.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The one set of Kafka client settings every program uses: consumers read committed data only, the
 * connector's producer is idempotent with every replica acknowledging, and transactional sinks may
 * stay open long enough to outlive a checkpoint interval plus a restart.
 */
public final class KafkaSettings {

    /**
     * Consumers see only committed transactions: a job's outputs appear when its checkpoint
     * commits.
     */
    public static final String ISOLATION_LEVEL = "read_committed";

    /**
     * Transaction timeout of the jobs' exactly-once sinks: above any checkpoint interval plus
     * restart time, and at most the broker's {@code transaction.max.timeout.ms} (15 minutes by
     * default).
     */
    public static final long TRANSACTION_TIMEOUT_MS = 900_000;

    /** Producer linger for replays and backfills, where batch size matters more than latency. */
    public static final Map<String, Object> BULK = Map.of(ProducerConfig.LINGER_MS_CONFIG, 50);

    private KafkaSettings() {}

    /** A consumer that reads committed records and commits nothing itself. */
    public static Properties consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /**
     * The connector's producer: idempotent, acks from all replicas, lz4 batches of up to 1 MiB, 5
     * ms linger; {@code overrides} replace any of these (e.g. {@link #BULK}).
     */
    public static Map<String, Object> producer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.putAll(overrides);
        return config;
    }

    /** An admin client whose calls give up after 30 s. */
    public static Map<String, Object> admin(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000);
    }

    /** Producer settings of a job's transactional sink. */
    public static Properties transactionalSink() {
        Properties props = new Properties();
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT_MS));
        return props;
    }
}
