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
 * per symbol a {@link PriceHistory} array from the last trade at or before the detector's watermark
 * on (lifetime: pruned as trades come). The price at a window end is then the same whenever the
 * window is evaluated.
 */
public final class FuturesPrices {

    public static final MapStateDescriptor<String, long[]> STATE =
            new MapStateDescriptor<>(
                    "futures-prices",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private FuturesPrices() {}

    /** Adds a futures trade; windows up to {@code watermarkMs} have been evaluated. */
    static void add(BroadcastState<String, long[]> state, FlowEvent trade, long watermarkMs)
            throws Exception {
        String symbol = trade.contract.rawSymbol;
        long askedFrom = watermarkMs == Long.MIN_VALUE ? Long.MIN_VALUE : watermarkMs * 1_000_000L;
        state.put(
                symbol,
                PriceHistory.append(state.get(symbol), trade.tsEvent, trade.price, askedFrom));
    }

    /** The last trade of {@code symbol} at or before {@code timeNs} (1e-9 units), or null. */
    static Long at(ReadOnlyBroadcastState<String, long[]> state, String symbol, long timeNs)
            throws Exception {
        return PriceHistory.priceAt(state.get(symbol), timeNs);
    }
}
