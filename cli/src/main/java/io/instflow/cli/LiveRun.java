package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.GatewayException;
import io.instflow.databento.LiveClientConfig;
import io.instflow.ifd.IfdConfig;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.LiveSource;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded run on Databento's live gateway: the live source publishes into the local broker
 * while the IFD job runs unbounded; when asked to stop, the source stops, the job is given time to
 * consume (and commit) everything published, then stopped with a draining savepoint so that every
 * open window fires and its output commits.
 */
final class LiveRun {

    /** What the run published and how long it ran. */
    /**
     * @param failure why the stream ended on its own after publishing something, or null
     */
    record Result(long mboRecords, long definitions, double seconds, String failure) {}

    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    private LiveRun() {}

    static Result run(
            String bootstrap,
            LiveClientConfig live,
            IfdConfig job,
            int parallelism,
            Duration duration,
            CountDownLatch stop,
            Path work,
            PrintWriter console)
            throws Exception {
        Topics topics = new Topics("");
        TopicAdmin.ensure(bootstrap, topics, parallelism);
        long start = System.nanoTime();
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, topics, live.dataset(), Map.of())) {
            LiveSource source = new LiveSource(live, publisher);
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(source::run);
            streaming.whenComplete((done, failure) -> stop.countDown());
            JobClient client = LocalRun.startIfd(job, parallelism, work.resolve("checkpoints"));
            long deadline =
                    duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!stop.await(10, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                console.printf(
                        Locale.ROOT,
                        "live: %,d MBO records, %,d definitions published; job %s%n",
                        publisher.mboRecords(),
                        publisher.definitions(),
                        client.getJobStatus().get());
                console.flush();
            }
            source.stop();
            String failure = failure(streaming);
            publisher.flush();
            if (failure != null && publisher.mboRecords() == 0) {
                client.cancel().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
                throw new GatewayException("live: nothing was streamed: " + failure, true);
            }
            if (failure != null) {
                console.println("live: the stream failed: " + failure);
            }
            console.println("live: stopped streaming; letting the job catch up, then draining it");
            console.flush();
            awaitConsumed(bootstrap, job.deployment().name(), topics.mbo());
            client.stopWithSavepoint(
                            true,
                            Files.createDirectories(work.resolve("savepoints")).toUri().toString(),
                            SavepointFormatType.CANONICAL)
                    .get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
            return new Result(
                    publisher.mboRecords(),
                    publisher.definitions(),
                    (System.nanoTime() - start) / 1e9,
                    failure);
        }
    }

    /** Why the stream ended on its own, or null when it was stopped. */
    private static String failure(CompletableFuture<Void> streaming) throws InterruptedException {
        try {
            streaming.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "the live client did not stop within 10 s";
        }
    }

    /**
     * Waits until the job's consumer group has committed the end of every partition of {@code
     * topic}.
     */
    private static void awaitConsumed(String bootstrap, String group, String topic)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<TopicPartition> partitions =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (System.nanoTime() < deadline) {
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done =
                        partitions.stream()
                                .allMatch(
                                        p ->
                                                ends.get(p).offset() == 0
                                                        || committed.get(p) != null
                                                                && committed.get(p).offset()
                                                                        >= ends.get(p).offset());
                if (done) {
                    return;
                }
                // committed offsets move only when a checkpoint completes, so look twice a second
                Thread.sleep(500);
            }
            throw new IllegalStateException(
                    "the IFD job did not consume "
                            + topic
                            + " within "
                            + CATCH_UP.toMinutes()
                            + " minutes of the end of the live stream");
        }
    }
}
