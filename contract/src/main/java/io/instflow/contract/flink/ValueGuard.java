package io.instflow.contract.flink;

import java.io.Serializable;

/**
 * Checks a decoded value before it enters a job, for faults decoding cannot see (an implausible
 * event time). One instance per source reader; it may remember what each partition showed.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ValueGuard<T> extends Serializable {

    /** Why {@code value} from {@code partition} must not be used, or null when it may. */
    String reject(T value, int partition);

    /** A guard that lets every decoded value through. */
    static <T> ValueGuard<T> none() {
        return (value, partition) -> null;
    }
}
