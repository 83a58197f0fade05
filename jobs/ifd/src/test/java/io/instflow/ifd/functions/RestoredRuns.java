package io.instflow.ifd.functions;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.function.BiConsumerWithException;
import org.apache.flink.util.function.SupplierWithException;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * An operator run as a job that restores from a checkpoint every so many inputs: a new harness
 * restored from the last snapshot takes the next stretch of inputs, and each stretch ends with the
 * write-back before the barrier and a snapshot. With a stretch longer than the input, the run is
 * uninterrupted, the one every restored run must repeat.
 */
final class RestoredRuns {

    private RestoredRuns() {}

    /**
     * Feeds {@code inputs} inputs in stretches of {@code restoreEvery}, each to a new harness (with
     * its state backend set) restored from the previous stretch's snapshot; {@code feed} gives a
     * harness the input of an index, and {@code collect} takes what each harness emitted.
     */
    static <H extends AbstractStreamOperatorTestHarness<?>> void run(
            int inputs,
            int restoreEvery,
            SupplierWithException<H, Exception> harnesses,
            BiConsumerWithException<H, Integer, Exception> feed,
            ThrowingConsumer<H, Exception> collect)
            throws Exception {
        run(inputs, restoreEvery, harnesses, h -> {}, feed, collect);
    }

    /** As above, with {@code opened} on each harness right after it opens. */
    static <H extends AbstractStreamOperatorTestHarness<?>> void run(
            int inputs,
            int restoreEvery,
            SupplierWithException<H, Exception> harnesses,
            ThrowingConsumer<H, Exception> opened,
            BiConsumerWithException<H, Integer, Exception> feed,
            ThrowingConsumer<H, Exception> collect)
            throws Exception {
        OperatorSubtaskState checkpoint = null;
        long checkpointId = 0;
        int next = 0;
        while (next < inputs) {
            try (H h = harnesses.get()) {
                if (checkpoint != null) {
                    h.initializeState(checkpoint);
                }
                h.open();
                opened.accept(h);
                int end = (int) Math.min(inputs, (long) next + restoreEvery);
                for (; next < end; next++) {
                    feed.accept(h, next);
                }
                checkpointId++;
                h.prepareSnapshotPreBarrier(checkpointId);
                checkpoint = h.snapshot(checkpointId, checkpointId);
                collect.accept(h);
            }
        }
    }

    /** The state backend a parameterized test names: {@code hashmap} or {@code rocksdb}. */
    static StateBackend backend(String name) {
        return switch (name) {
            case "hashmap" -> new HashMapStateBackend();
            case "rocksdb" -> new EmbeddedRocksDBStateBackend();
            default -> throw new IllegalArgumentException("no state backend named " + name);
        };
    }
}
