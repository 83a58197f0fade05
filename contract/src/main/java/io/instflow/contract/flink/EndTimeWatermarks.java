package io.instflow.contract.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event time of records that close something (a window, a bar): just before their end, so a timer
 * at the end sees them; bounded out-of-orderness per partition, and live, quiet partitions go idle
 * instead of holding the others back ({@link SourceIdleness}).
 */
public final class EndTimeWatermarks {

    /** A record's end, ns since the epoch. */
    @FunctionalInterface
    public interface EndNs<T> extends Serializable {
        long of(T record);
    }

    private EndTimeWatermarks() {}

    public static <T> WatermarkStrategy<T> of(
            long outOfOrdernessMs, long idleMs, boolean bounded, EndNs<T> end) {
        return SourceIdleness.liveOnly(
                WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMillis(outOfOrdernessMs))
                        .withTimestampAssigner(
                                (record, previous) -> end.of(record) / 1_000_000L - 1),
                idleMs,
                bounded);
    }
}
