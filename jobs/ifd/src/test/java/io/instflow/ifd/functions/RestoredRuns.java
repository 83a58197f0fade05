package io.instflow.ifd.functions;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * An operator run as a job that restores from a checkpoint every so many inputs: a new harness
 * restored from the last snapshot takes the next stretch of inputs, and each stretch ends with the
 * write-back before the barrier and a snapshot. With a stretch longer than the input, the run is
 * uninterrupted, the one every restored run must repeat.
 */
final class RestoredRuns {

    /** A new harness of the operator under test, with its state backend set. */
    interface Harnesses<H> {
        H create() throws Exception;
    }

    /** Input {@code index} to the harness. */
    interface Feed<H> {
        void feed(H harness, int index) throws Exception;
    }

    /** A step with the whole harness: after it opens, or taking what it emitted. */
    interface Step<H> {
        void on(H harness) throws Exception;
    }

    private RestoredRuns() {}

    /**
     * Feeds {@code inputs} inputs in stretches of {@code restoreEvery}, each to a new harness
     * restored from the previous stretch's snapshot; {@code collect} takes what each emitted.
     */
    static <H extends AbstractStreamOperatorTestHarness<?>> void run(
            int inputs, int restoreEvery, Harnesses<H> harnesses, Feed<H> feed, Step<H> collect)
            throws Exception {
        run(inputs, restoreEvery, harnesses, h -> {}, feed, collect);
    }

    /** As above, with {@code opened} on each harness right after it opens. */
    static <H extends AbstractStreamOperatorTestHarness<?>> void run(
            int inputs,
            int restoreEvery,
            Harnesses<H> harnesses,
            Step<H> opened,
            Feed<H> feed,
            Step<H> collect)
            throws Exception {
        OperatorSubtaskState checkpoint = null;
        long checkpointId = 0;
        int next = 0;
        while (next < inputs) {
            try (H h = harnesses.create()) {
                if (checkpoint != null) {
                    h.initializeState(checkpoint);
                }
                h.open();
                opened.on(h);
                int end = (int) Math.min(inputs, (long) next + restoreEvery);
                for (; next < end; next++) {
                    feed.feed(h, next);
                }
                checkpointId++;
                h.prepareSnapshotPreBarrier(checkpointId);
                checkpoint = h.snapshot(checkpointId, checkpointId);
                collect.on(h);
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
