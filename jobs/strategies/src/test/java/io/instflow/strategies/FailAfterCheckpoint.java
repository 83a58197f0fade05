package io.instflow.strategies;

import io.instflow.strategies.functions.TradeInput;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails its task once, at the first input after a checkpoint completed, so that the restore has
 * keyed state (the keepers, the inputs waiting for the watermark) to resume from. Until then each
 * input takes {@code pauseMs}: the inputs are few, and without the pause they would all pass before
 * the first checkpoint; it waits for no condition. Whether the failure was injected is kept by name
 * across the restarted instances, which Flink builds anew.
 */
final class FailAfterCheckpoint extends RichMapFunction<TradeInput, TradeInput>
        implements CheckpointListener {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> OPENED = new ConcurrentHashMap<>();

    private final String name;
    private final long pauseMs;

    FailAfterCheckpoint(String name, long pauseMs) {
        this.name = name;
        this.pauseMs = pauseMs;
    }

    static boolean failed(String name) {
        return FAILED.contains(name);
    }

    /** How many instances were opened: more than the parallelism once the job restarted. */
    static int opened(String name) {
        AtomicInteger n = OPENED.get(name);
        return n == null ? 0 : n.get();
    }

    @Override
    public void open(OpenContext context) {
        OPENED.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public TradeInput map(TradeInput value) throws Exception {
        if (!FAILED.contains(name)) {
            // slows the few inputs down so that a checkpoint completes among them
            Thread.sleep(pauseMs);
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (FAILED.add(name)) {
            throw new IllegalStateException(
                    "injected failure " + name + " after checkpoint " + checkpointId);
        }
    }
}
