package io.instflow.contract.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a read_committed reader stops to see every transaction committed before it asked.
 *
 * <p>A broker answers a producer's commit before the commit markers reach the partitions, so just
 * after a job's last checkpoint commits, a partition's last stable offset can still stand before
 * that transaction (seen on the test broker for 119 of 200 commits read back at once). A reader
 * that stopped there would silently miss the transaction. So the end is the last stable offset once
 * it has passed every record written before the call, committed or aborted; a transaction still
 * open after the wait (a writer that died mid-transaction, until the broker aborts it) is left out,
 * with a warning naming its partitions.
 */
public final class CommittedEnd {

    /**
     * How long to wait for transactions open at the call: a live exactly-once job commits within
     * its checkpoint interval, a finished one's markers arrive in milliseconds.
     */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(CommittedEnd.class);
    private static final long POLL_MS = 20;
    private static final long CALL_TIMEOUT_S = 30;

    private CommittedEnd() {}

    /** The end offsets of {@code partitions}, waiting at most {@code wait} (see the class). */
    public static Map<TopicPartition, Long> of(
            String bootstrap, Collection<TopicPartition> partitions, Duration wait) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            return of(admin, partitions, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(
                    "interrupted while reading the end offsets of " + partitions, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(
                    "could not read the end offsets of " + partitions + " on " + bootstrap, e);
        }
    }

    private static Map<TopicPartition, Long> of(
            Admin admin, Collection<TopicPartition> partitions, Duration wait)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> written =
                latest(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Map<TopicPartition, Long> stable =
                    latest(admin, partitions, IsolationLevel.READ_COMMITTED);
            List<TopicPartition> open =
                    partitions.stream().filter(p -> stable.get(p) < written.get(p)).toList();
            if (open.isEmpty()) {
                return stable;
            }
            if (System.nanoTime() - deadline > 0) {
                LOG.warn(
                        "{} still hold a transaction open after {} s: reading to their last"
                                + " stable offsets {}, without the {} records after them",
                        open,
                        wait.toSeconds(),
                        stable,
                        open.stream().mapToLong(p -> written.get(p) - stable.get(p)).sum());
                return stable;
            }
            // the broker tells no client when commit markers land: ask again shortly
            Thread.sleep(POLL_MS);
        }
    }

    private static Map<TopicPartition, Long> latest(
            Admin admin, Collection<TopicPartition> partitions, IsolationLevel isolation)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(p -> specs.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
                admin.listOffsets(specs, new ListOffsetsOptions(isolation))
                        .all()
                        .get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }
}
