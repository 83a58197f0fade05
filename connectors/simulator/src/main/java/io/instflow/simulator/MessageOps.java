package io.instflow.simulator;

import io.instflow.dbn.Flags;

import java.util.Arrays;

/** The records of one exchange message, planned first so the last one can carry LAST. */
final class MessageOps {

    private byte[] actions = new byte[16];
    private byte[] sides = new byte[16];
    private long[] orderIds = new long[16];
    private long[] prices = new long[16];
    private long[] sizes = new long[16];
    private int count;

    void clear() {
        count = 0;
    }

    void add(byte action, byte side, long orderId, long price, long size) {
        if (count == actions.length) {
            int capacity = count * 2;
            actions = Arrays.copyOf(actions, capacity);
            sides = Arrays.copyOf(sides, capacity);
            orderIds = Arrays.copyOf(orderIds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }
        actions[count] = action;
        sides[count] = side;
        orderIds[count] = orderId;
        prices[count] = price;
        sizes[count] = size;
        count++;
    }

    /** Writes the planned records as one message; nothing when none were planned. */
    void write(MboStream stream, long instrumentId, long ts) {
        if (count == 0) {
            return;
        }
        stream.message(ts);
        for (int i = 0; i < count; i++) {
            stream.record(
                    instrumentId,
                    actions[i],
                    sides[i],
                    orderIds[i],
                    prices[i],
                    sizes[i],
                    i == count - 1 ? Flags.LAST : 0);
        }
    }
}
