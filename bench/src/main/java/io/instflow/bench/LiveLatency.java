package io.instflow.bench;

import io.instflow.avro.Bar;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.KafkaSettings;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.ApiKey;
import io.instflow.databento.FakeGateway;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdPipeline;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;
import io.instflow.localkafka.LocalKafka;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.Await;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live visibility of the IFD job's 1-minute bars and decisions (signals and rejections): a
 * simulated session streamed in real time by the fake Databento gateway, through the connector's
 * live client into a real local broker, the job running unbounded beside it, and a consumer noting
 * when each output becomes visible to it.
 *
 * <p>A bar or decision of a window ending at E can be emitted once event time passes E, that is,
 * once the feed delivers a record stamped E plus the out-of-orderness (the watermark's bound): that
 * moment, on the wall clock of the paced feed, is its closing event time, and the latency is the
 * time from it to visibility. Warm-up days go in first as fast as possible, so the detector has
 * baselines and the job has caught up before the paced day starts.
 *
 * <p>Usage: {@code bench/live-latency.sh [minutes] [preview|exactly-once] [parallelism] [warm-up
 * days] [small|full universe] [hashmap|rocksdb state backend]}; RocksDB takes incremental
 * checkpoints, as on a cluster.
 */
public final class LiveLatency {

    private static final long MINUTE_NS = 60_000_000_000L;
    private static final String KEY = "db-benchmarkkeybenchmarkkey12345";

    /** Shorter sessions are simulated without institutional episodes (bars and rejections only). */
    private static final int MIN_MINUTES_WITH_EPISODES = 20;

    /** One output as the consumer saw it; {@code key} is its Kafka key (a bar's symbol). */
    private record Seen(boolean bar, String key, long windowEndNs, long visibleEpochMs) {}

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean exactlyOnce = args.length > 1 && args[1].equals("exactly-once");
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warmupDays = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        SimulatorConfig.Universe universe =
                SimulatorConfig.Universe.parse(args.length > 4 ? args[4] : "small");
        String backend = args.length > 5 ? args[5] : "hashmap";
        Path work = Files.createTempDirectory("instflow-live-latency-");
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0).start(Duration.ofSeconds(120));
        try {
            run(
                    kafka.bootstrapServers(),
                    work,
                    minutes,
                    exactlyOnce,
                    parallelism,
                    warmupDays,
                    universe,
                    backend);
        } finally {
            kafka.stop();
            BenchDirs.delete(work);
        }
    }

    private static void run(
            String bootstrap,
            Path work,
            int minutes,
            boolean exactlyOnce,
            int parallelism,
            int warmupDays,
            SimulatorConfig.Universe universe,
            String backend)
            throws Exception {
        SimulatorConfig.Builder market =
                SimulatorConfig.builder(work.resolve("sim"))
                        .warmupDays(warmupDays)
                        .days(1)
                        .minutes(minutes)
                        .seed(5)
                        .universe(universe);
        if (minutes < MIN_MINUTES_WITH_EPISODES) {
            market.episodesPerDay(0);
        }
        SimulatorConfig config = market.build();
        SimulationResult session = new MarketSimulator(config).run(line -> {});
        Topics input = new Topics("");
        TopicAdmin.ensure(bootstrap, input, parallelism);
        String prefix = "live.";
        TopicAdmin.ensure(bootstrap, new Topics(prefix), Topic.Set.IFD, parallelism);
        IfdConfig job = BenchJobs.ifd(bootstrap, "", prefix, "production", false, exactlyOnce);
        Configuration conf = BenchJobs.environment(job, backend, work.resolve("checkpoints"));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        IfdPipeline.wire(env, job);
        JobClient client = env.executeAsync(job.deployment().name());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicLong lastBarEnd = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher =
                new Thread(
                        () -> watch(bootstrap, new Topics(prefix), seen, lastBarEnd, stop),
                        "visibility-watcher");
        watcher.start();
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, input, "GLBX.MDP3", Map.of())) {
            List<Path> warmup = new ArrayList<>();
            warmup.add(session.definitions());
            List<SimulationResult.Day> days = session.days();
            days.subList(0, days.size() - 1).forEach(d -> warmup.add(d.file()));
            new FileReplay(warmup, 0, FileReplay.Progress.NONE).run(publisher);
            SimulationResult.Day lastWarm = days.get(days.size() - 2);
            long warmupBars = config.sessionStartNs(lastWarm.date()) + (minutes - 1) * MINUTE_NS;
            Await.until(
                    () -> lastBarEnd.get() >= warmupBars,
                    Duration.ofMinutes(5),
                    "the job's bars of the warm-up days");
            System.out.printf(
                    "warm-up: %d days as fast as possible, the job caught up; now %d minutes paced"
                            + " in real time%n",
                    warmupDays, minutes);
            SimulationResult.Day day = days.get(days.size() - 1);
            long sessionEnd = config.sessionStartNs(day.date()) + minutes * MINUTE_NS;
            try (FakeGateway gateway =
                    new FakeGateway(KEY, dbnStream(day.file()), s -> FakeGateway.Plan.paced(1))) {
                LiveSource source = new LiveSource(liveClient(gateway.port()), publisher);
                Thread reader = new Thread(source::run, "live-source");
                reader.start();
                Await.until(
                        () -> lastBarEnd.get() >= sessionEnd - MINUTE_NS,
                        Duration.ofMinutes(minutes + 5),
                        "the job's bars of the paced day");
                source.stop();
                reader.join();
                stop.set(true);
                watcher.join();
                client.cancel().get(60, TimeUnit.SECONDS);
                report(seen, gateway, config.sessionStartNs(day.date()), job, backend, parallelism);
            }
        }
    }

    /** The live client of the connector, subscribed to the fake gateway on {@code port}. */
    private static LiveClientConfig liveClient(int port) {
        return LiveClientConfig.builder(ApiKey.of(KEY))
                .gateway("127.0.0.1", port)
                .subscribe(
                        new Subscription("mbo", "parent", List.of("NQ.FUT", "NQ.OPT"), false, null))
                .reconnect(new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, 1))
                .build();
    }

    /** A simulated day's DBN file as the gateway streams it: metadata, then the records. */
    private static byte[] dbnStream(Path file) throws IOException {
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static void watch(
            String bootstrap,
            Topics topics,
            List<Seen> seen,
            AtomicLong lastBarEnd,
            AtomicBoolean stop) {
        Properties props = KafkaSettings.consumer(bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "live-latency");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroSerde<Bar> bars = AvroSerde.of(Bar.class);
        AvroSerde<Signal> signals = AvroSerde.of(Signal.class);
        AvroSerde<Rejection> rejections = AvroSerde.of(Rejection.class);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.bars(1), topics.signals(), topics.rejections()));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    if (r.topic().equals(topics.bars(1))) {
                        long end = bars.deserialize(r.value()).getWindowEnd();
                        seen.add(new Seen(true, key(r), end, now));
                        lastBarEnd.accumulateAndGet(end, Math::max);
                    } else if (r.topic().equals(topics.signals())) {
                        long end = signals.deserialize(r.value()).getMetrics().getWindowEnd();
                        seen.add(new Seen(false, key(r), end, now));
                    } else {
                        long end = rejections.deserialize(r.value()).getMetrics().getWindowEnd();
                        seen.add(new Seen(false, key(r), end, now));
                    }
                }
            }
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static void report(
            List<Seen> seen,
            FakeGateway gateway,
            long sessionStart,
            IfdConfig job,
            String backend,
            int parallelism) {
        List<Long> bars = new ArrayList<>();
        List<Long> barsFromEnd = new ArrayList<>();
        List<Long> decisions = new ArrayList<>();
        List<Long> decisionsFromEnd = new ArrayList<>();
        for (Seen s : seen) {
            if (s.windowEndNs() <= sessionStart) {
                continue;
            }
            long endMs = gateway.pacedEpochMs(s.windowEndNs()).orElseThrow();
            long closingMs = endMs + job.outOfOrdernessMs();
            (s.bar() ? bars : decisions).add(s.visibleEpochMs() - closingMs);
            (s.bar() ? barsFromEnd : decisionsFromEnd).add(s.visibleEpochMs() - endMs);
        }
        System.out.printf(
                "%s, %s state, parallelism %d, out-of-orderness %d ms, checkpoints every %d ms; the gateway"
                        + " sent each record at most %d ms after it fell due%n",
                job.exactlyOnce() ? "exactly-once" : "preview (at-least-once)",
                backend,
                parallelism,
                job.outOfOrdernessMs(),
                job.checkpointIntervalMs(),
                gateway.paceLagMs());
        System.out.println(line("1-minute bars", bars, barsFromEnd));
        long repeated =
                seen.stream().filter(Seen::bar).count()
                        - seen.stream()
                                .filter(Seen::bar)
                                .map(s -> s.key() + "@" + s.windowEndNs())
                                .distinct()
                                .count();
        if (repeated > 0) {
            System.out.printf(
                    "WARNING: %d bars were seen more than once: the job restarted and repeated"
                            + " what followed its last checkpoint, so the figures above include"
                            + " the restarts%n",
                    repeated);
        }
        System.out.println(line("signals and rejections", decisions, decisionsFromEnd));
    }

    private static String line(String what, List<Long> fromClosing, List<Long> fromEnd) {
        Collections.sort(fromClosing);
        Collections.sort(fromEnd);
        return String.format(
                "%s: %d visible; after their closing event time p50 %s, p90 %s, p99 %s, max %s ms;"
                        + " after their window end p50 %s, p99 %s ms",
                what,
                fromClosing.size(),
                Percentile.of(fromClosing, 0.5),
                Percentile.of(fromClosing, 0.9),
                Percentile.of(fromClosing, 0.99),
                Percentile.of(fromClosing, 1.0),
                Percentile.of(fromEnd, 0.5),
                Percentile.of(fromEnd, 0.99));
    }
}
