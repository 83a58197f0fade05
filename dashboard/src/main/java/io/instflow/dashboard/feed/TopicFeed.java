package io.instflow.dashboard.feed;

import io.instflow.avro.Bar;
import io.instflow.dashboard.state.DashboardState;
import io.instflow.schemas.TopicValues;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the dashboard's topics into the {@link DashboardState}: each partition from its last {@code
 * historyPerPartition} records (the recent history a late page needs), then live. Reads
 * read_committed, so exactly-once output appears as the job commits it; the at-least-once preview
 * mode writes without transactions and is visible at once. Topics that appear later (the job
 * started after the dashboard) are picked up within the discovery interval.
 */
public final class TopicFeed implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long DISCOVERY_INTERVAL_MS = 2_000;

    /**
     * Metrics are many small records per window; reading further back fills the health panel's
     * figures.
     */
    private static final int METRICS_HISTORY_FACTOR = 10;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrap;
    private final Set<String> wanted;
    private final String metricsTopic;
    private final String formingTopic;
    private final int historyPerPartition;
    private final DashboardState state;
    private final Consumer<DashboardState.Update> onUpdate;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> historyEnds = new HashMap<>();
    private final Set<String> reportedUndecodable = new HashSet<>();
    private volatile boolean closed;
    private long nextDiscoveryMs;
    private boolean discoveredOnce;
    private boolean reportedUnreachable;

    public TopicFeed(
            String bootstrap,
            DashboardTopics topics,
            int historyPerPartition,
            DashboardState state,
            Consumer<DashboardState.Update> onUpdate) {
        this.bootstrap = bootstrap;
        this.wanted = new HashSet<>(topics.all());
        this.metricsTopic = topics.metrics();
        this.formingTopic = topics.formingBars();
        this.historyPerPartition = historyPerPartition;
        this.state = state;
        this.onUpdate = onUpdate;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "instflow-dashboard");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                step();
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void step() {
        long now = System.currentTimeMillis();
        if (now >= nextDiscoveryMs) {
            discover();
            nextDiscoveryMs = now + DISCOVERY_INTERVAL_MS;
        }
        if (assigned.isEmpty()) {
            sleepQuietly(POLL.toMillis());
        } else {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                apply(r);
            }
        }
        if (discoveredOnce && !state.historyLoaded() && historyCaughtUp()) {
            state.markHistoryLoaded();
            LOG.info("Dashboard history loaded from {} partitions", historyEnds.size());
        }
        DashboardState.Update update = state.drainUpdate();
        if (update != null) {
            onUpdate.accept(update);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        SpecificRecord value = TopicValues.decode(r.value());
        if (value == null) {
            state.countUndecodable();
            if (reportedUndecodable.add(r.topic())) {
                LOG.warn(
                        "Skipping a value on {} (partition {}, offset {}) that is not a record of a known schema;"
                                + " further ones on this topic are counted, not logged",
                        r.topic(),
                        r.partition(),
                        r.offset());
            }
            return;
        }
        if (r.topic().equals(formingTopic) && value instanceof Bar bar) {
            state.applyForming(bar, System.currentTimeMillis());
        } else {
            state.apply(value, System.currentTimeMillis());
        }
    }

    /** Assigns partitions of wanted topics that exist now, starting each at its recent history. */
    private void discover() {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(5));
        } catch (KafkaException e) {
            state.kafkaProblem(
                    "Kafka at " + bootstrap + " is unreachable (" + e.getMessage() + ")");
            if (!reportedUnreachable) {
                LOG.warn(
                        "Cannot list topics on Kafka at {} ({}); retrying every {} ms",
                        bootstrap,
                        e.getMessage(),
                        DISCOVERY_INTERVAL_MS);
                reportedUnreachable = true;
            }
            return;
        }
        reportedUnreachable = false;
        state.kafkaProblem(null);
        List<TopicPartition> fresh = new ArrayList<>();
        topics.forEach(
                (topic, partitions) -> {
                    if (wanted.contains(topic)) {
                        for (PartitionInfo info : partitions) {
                            TopicPartition tp = new TopicPartition(topic, info.partition());
                            if (!assigned.contains(tp)) {
                                fresh.add(tp);
                            }
                        }
                    }
                });
        if (!fresh.isEmpty()) {
            assigned.addAll(fresh);
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(fresh);
            for (TopicPartition tp : fresh) {
                long end = ends.get(tp);
                long history =
                        tp.topic().equals(metricsTopic)
                                ? (long) historyPerPartition * METRICS_HISTORY_FACTOR
                                : historyPerPartition;
                consumer.seek(tp, Math.max(begins.get(tp), end - history));
                if (!state.historyLoaded()) {
                    historyEnds.put(tp, end);
                }
            }
        }
        discoveredOnce = true;
    }

    private boolean historyCaughtUp() {
        for (Map.Entry<TopicPartition, Long> e : historyEnds.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
