package io.instflow.ifd.functions;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import java.util.List;

/**
 * Flink's keyed broadcast operator, plus one step before each checkpoint barrier: its function
 * writes the keyed state it holds in memory back to the state backend, where the snapshot finds it.
 * A function cannot do this itself: only the operator may change the current key outside of an
 * element or a timer.
 *
 * @param <F> the function, which also writes back
 */
public final class WriteBackBroadcastOperator<
                K,
                IN1,
                IN2,
                OUT,
                F extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> & KeyedWriteBack<K>>
        extends CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;

    public WriteBackBroadcastOperator(F function, List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        ((KeyedWriteBack<K>) getUserFunction()).writeBack(this::setCurrentKey);
    }
}
