package io.instflow.ifd.functions;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Flink's keyed process operator, plus one step before each checkpoint barrier: its function writes
 * the keyed state it holds in memory back to the state backend (see {@link
 * WriteBackBroadcastOperator}).
 *
 * @param <F> the function, which also writes back
 */
public final class WriteBackProcessOperator<
                K, IN, OUT, F extends KeyedProcessFunction<K, IN, OUT> & KeyedWriteBack<K>>
        extends KeyedProcessOperator<K, IN, OUT> {

    private static final long serialVersionUID = 1L;

    public WriteBackProcessOperator(F function) {
        super(function);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((KeyedWriteBack<K>) getUserFunction()).writeBack(this::setCurrentKey);
    }
}
