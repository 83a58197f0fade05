package io.instflow.ifd.functions;

import java.util.function.Consumer;

/**
 * A keyed function that keeps some of its keyed state in memory between checkpoints and writes it
 * back before each barrier, through {@link WriteBackBroadcastOperator} or {@link
 * WriteBackProcessOperator}.
 *
 * @param <K> the key type
 */
public interface KeyedWriteBack<K> {

    /**
     * Writes every value held in memory back to keyed state and forgets it, calling {@code
     * currentKey} with each value's key before writing it.
     */
    void writeBack(Consumer<K> currentKey) throws Exception;
}
