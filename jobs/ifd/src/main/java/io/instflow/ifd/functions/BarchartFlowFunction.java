package io.instflow.ifd.functions;

import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.book.Aggressor;
import io.instflow.contract.EstimatedSide;
import io.instflow.contract.GlobexSession;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Degraded-mode flow (spec/barchart.md §5.3), keyed by Databento raw symbol: each Barchart snapshot
 * of a contract is compared with the previous one of the same Globex session, and the new session
 * volume becomes one estimated trade, its side from the last price against the quote, stamped
 * degraded with the snapshot's delay. Contracts are found by raw symbol in the definitions: those
 * known at start are preloaded (snapshots may overtake the broadcast), later ones broadcast.
 * Negative differences (data errors) and contracts without a definition are counted, not used.
 */
public final class BarchartFlowFunction
        extends KeyedBroadcastProcessFunction<
                String, BarchartOptionQuote, InstrumentDefinition, FlowEvent> {

    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, ContractInfo> BY_RAW_SYMBOL =
            new MapStateDescriptor<>(
                    "definitions-by-raw-symbol", Types.STRING, Types.POJO(ContractInfo.class));

    private final io.instflow.ifd.io.DefinitionsLoader preload;
    private transient java.util.Map<String, ContractInfo> preloaded;

    /** Session start (ns) and session volume of the previous snapshot of this contract. */
    private transient ValueState<long[]> previous;

    private transient Counter negative;
    private transient Counter unmapped;

    public BarchartFlowFunction(io.instflow.ifd.io.DefinitionsLoader preload) {
        this.preload = preload;
    }

    @Override
    public void open(OpenContext context) {
        preloaded = new java.util.HashMap<>();
        preload.load().values().forEach(c -> preloaded.put(c.rawSymbol, c));
        previous =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "previous-snapshot",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        negative = getRuntimeContext().getMetricGroup().counter("barchartNegativeVolume");
        unmapped = getRuntimeContext().getMetricGroup().counter("barchartUnmapped");
    }

    @Override
    public void processElement(BarchartOptionQuote q, ReadOnlyContext ctx, Collector<FlowEvent> out)
            throws Exception {
        ContractInfo contract = ctx.getBroadcastState(BY_RAW_SYMBOL).get(q.getRawSymbol());
        if (contract == null) {
            contract = preloaded.get(q.getRawSymbol());
        }
        if (contract == null) {
            unmapped.inc();
            return;
        }
        long session = GlobexSession.startNanos(q.getObservedAt());
        long[] seen = previous.value();
        previous.update(new long[] {session, q.getSessionVolume()});
        if (seen == null || seen[0] != session) {
            return;
        }
        long volume = q.getSessionVolume() - seen[1];
        if (volume < 0) {
            negative.inc();
            return;
        }
        if (volume == 0) {
            return;
        }
        FlowEvent e = new FlowEvent();
        e.kind = FlowEvent.TRADE;
        e.instrumentId = contract.instrumentId;
        e.contract = contract;
        e.tsEvent = ctx.timestamp() * 1_000_000L;
        e.size = volume;
        Long last = q.getSettlement() ? null : q.getLast();
        e.price =
                last != null
                        ? last
                        : q.getBid() != null && q.getAsk() != null
                                ? (q.getBid() + q.getAsk()) / 2
                                : 0;
        e.aggressor =
                switch (EstimatedSide.of(points(q.getBid()), points(q.getAsk()), points(last))) {
                    case BUY -> Aggressor.BUY;
                    case SELL -> Aggressor.SELL;
                    case UNKNOWN -> Aggressor.UNKNOWN;
                };
        e.degraded = true;
        e.delayMs = q.getDelayMs() == null ? 0 : q.getDelayMs();
        out.collect(e);
    }

    @Override
    public void processBroadcastElement(
            InstrumentDefinition d, Context ctx, Collector<FlowEvent> out) throws Exception {
        if (d.getSecurityUpdateAction() == DefinitionAction.DELETE) {
            ctx.getBroadcastState(BY_RAW_SYMBOL).remove(d.getRawSymbol());
        } else {
            ctx.getBroadcastState(BY_RAW_SYMBOL).put(d.getRawSymbol(), ContractInfo.of(d));
        }
    }

    /** The time the degraded flow is assigned to: the snapshot's data time, or its capture time. */
    public static long eventTimeMs(BarchartOptionQuote q) {
        long observedMs = q.getObservedAt() / 1_000_000L;
        return q.getDelayMs() == null ? observedMs : observedMs - q.getDelayMs();
    }

    private static Double points(Long e9) {
        return e9 == null ? null : e9 / 1e9;
    }
}
