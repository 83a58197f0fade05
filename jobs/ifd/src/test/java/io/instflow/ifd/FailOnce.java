package io.instflow.ifd;

import io.instflow.avro.MboEvent;

import org.apache.flink.api.common.functions.RichMapFunction;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fails its task once, after {@code after} MBO records, to prove a restore from a checkpoint gives
 * the same committed output. Until then it pauses briefly every 50,000 records: the pause is what
 * lets a checkpoint complete before the failure (checkpoints run every second in these tests), not
 * a wait for a condition. Whether a failure was injected is kept by name across the restarted
 * instances, which Flink builds anew.
 */
final class FailOnce extends RichMapFunction<MboEvent, MboEvent> {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    private final String name;
    private final long after;
    private long seen;

    FailOnce(String name, long after) {
        this.name = name;
        this.after = after;
    }

    /** Whether the failure called {@code name} was injected. */
    static boolean failed(String name) {
        return FAILED.contains(name);
    }

    @Override
    public MboEvent map(MboEvent value) throws Exception {
        if (++seen == after && FAILED.add(name)) {
            throw new IllegalStateException("injected failure " + name);
        }
        if (!FAILED.contains(name) && seen % 50_000 == 0) {
            // slows the stream down so that a checkpoint completes before the injected failure
            // and the restore has state to resume from; it waits for no condition
            Thread.sleep(600);
        }
        return value;
    }
}
