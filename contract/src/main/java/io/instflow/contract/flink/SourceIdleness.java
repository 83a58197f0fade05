package io.instflow.contract.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * When a quiet source partition may stop holding event time back: live only. Live, a partition that
 * has nothing to say for a while must not stall every window. A bounded run has no such partition,
 * since each one ends, and idleness there changes the output: Flink drops the end-of-input
 * watermark of a source task whose output is idle, and once its channels are idle the other sources
 * alone carry event time, up to the end, past records the idle task has yet to deliver. How a
 * replay came out would then depend on how its sources were scheduled.
 */
public final class SourceIdleness {

    private SourceIdleness() {}

    /** {@code strategy} with partitions idle after {@code idleMs} of silence, unless bounded. */
    public static <T> WatermarkStrategy<T> liveOnly(
            WatermarkStrategy<T> strategy, long idleMs, boolean bounded) {
        return bounded ? strategy : strategy.withIdleness(Duration.ofMillis(idleMs));
    }
}
