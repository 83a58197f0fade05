package io.instflow.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on the terminal while a local job runs: the input records its consumer group has
 * committed against all there are, the rate and the time left. Offsets are committed with each
 * checkpoint, so the line moves in checkpoint steps. Nothing is printed off a terminal.
 */
final class JobProgress implements AutoCloseable {

    private final PrintWriter console;
    private final Admin admin;
    private final String group;
    private final String topic;
    private final ScheduledExecutorService ticker;
    private final long started = System.nanoTime();
    private Map<TopicPartition, Long> ends;
    private boolean printed;

    private JobProgress(PrintWriter console, String bootstrap, String group, String topic) {
        this.console = console;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.group = group;
        this.topic = topic;
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "job-progress");
                            t.setDaemon(true);
                            return t;
                        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** The line for the job of consumer {@code group} on {@code topic}; inert off a terminal. */
    static AutoCloseable start(PrintWriter console, String bootstrap, String group, String topic) {
        return System.console() == null
                ? () -> {}
                : new JobProgress(console, bootstrap, group, topic);
    }

    /** "records committed of total (share), rate, time left". */
    static String line(long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        String left =
                done >= total
                        ? "input read"
                        : rate > 0
                                ? String.format(
                                        Locale.ROOT,
                                        "about %s left",
                                        duration((total - done) / rate))
                                : "waiting for the first checkpoint";
        return String.format(
                Locale.ROOT,
                "  job: %,d of %,d input records committed (%d %%), %,.0f/s, %s",
                done,
                total,
                total == 0 ? 100 : Math.round(100.0 * done / total),
                rate,
                left);
    }

    /** "42 s" or "3 min 05 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private void tick() {
        try {
            if (ends == null) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .forEach(
                                p ->
                                        latest.put(
                                                new TopicPartition(topic, p.partition()),
                                                OffsetSpec.latest()));
                ends = new HashMap<>();
                admin.listOffsets(latest)
                        .all()
                        .get()
                        .forEach((tp, info) -> ends.put(tp, info.offset()));
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long done = 0;
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                done += at == null ? 0 : Math.min(at.offset(), end.getValue());
                total += end.getValue();
            }
            synchronized (this) {
                console.print(
                        "\r" + line(done, total, (System.nanoTime() - started) / 1e9) + "   ");
                console.flush();
                printed = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the line is a convenience: a broker that does not answer now may next second
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
        synchronized (this) {
            if (printed) {
                console.println();
                console.flush();
            }
        }
    }
}
