package io.instflow.ifd.functions;

import io.instflow.ifd.logic.PriceHistory;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The futures' recent trades as broadcast state, for the underlying price of a window's signals:
 * per symbol a {@link PriceHistory} array of the last 15 minutes (lifetime: pruned as trades come).
 */
public final class FuturesPrices {

    public static final MapStateDescriptor<String, long[]> STATE =
            new MapStateDescriptor<>(
                    "futures-prices",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private static final long HISTORY_NS = 15 * 60_000_000_000L;

    private FuturesPrices() {}

    /** Adds a futures trade. */
    static void add(BroadcastState<String, long[]> state, FlowEvent trade) throws Exception {
        String symbol = trade.contract.rawSymbol;
        state.put(
                symbol,
                PriceHistory.append(state.get(symbol), trade.tsEvent, trade.price, HISTORY_NS));
    }

    /** The last trade of {@code symbol} at or before {@code timeNs} (1e-9 units), or null. */
    static Long at(ReadOnlyBroadcastState<String, long[]> state, String symbol, long timeNs)
            throws Exception {
        return PriceHistory.priceAt(state.get(symbol), timeNs);
    }
}
