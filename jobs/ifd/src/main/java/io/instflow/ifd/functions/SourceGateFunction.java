package io.instflow.ifd.functions;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.ifd.model.FlowEvent;

import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each detector window to one source (spec/barchart.md §9): the connector's FAILOVER and
 * FAILBACK transitions say from which window boundary Barchart or Databento governs; flow of the
 * other source in a window is dropped (and counted), so no window mixes MBO trades with estimated
 * snapshot volume. Before any transition, Databento governs.
 */
public final class SourceGateFunction extends BroadcastProcessFunction<FlowEvent, FeedStatus, FlowEvent> {

    private static final long serialVersionUID = 1L;

    /** Window boundary (ms) → the source governing windows from there: DATABENTO or BARCHART. */
    public static final MapStateDescriptor<Long, String> SWITCHES =
            new MapStateDescriptor<>("source-switches", Types.LONG, Types.STRING);

    private final long lengthMs;
    private transient Counter dropped;

    public SourceGateFunction(int windowMinutes) {
        this.lengthMs = windowMinutes * 60_000L;
    }

    @Override
    public void open(OpenContext context) {
        dropped = getRuntimeContext().getMetricGroup().counter("otherSourceDropped");
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<FlowEvent> out) throws Exception {
        long windowStart = Math.floorDiv(Math.floorDiv(e.tsEvent, 1_000_000L), lengthMs) * lengthMs;
        String governing = "DATABENTO";
        long latest = Long.MIN_VALUE;
        for (Map.Entry<Long, String> s : ctx.getBroadcastState(SWITCHES).immutableEntries()) {
            if (s.getKey() <= windowStart && s.getKey() > latest) {
                latest = s.getKey();
                governing = s.getValue();
            }
        }
        if (e.degraded == "BARCHART".equals(governing)) {
            out.collect(e);
        } else {
            dropped.inc();
        }
    }

    @Override
    public void processBroadcastElement(FeedStatus s, Context ctx, Collector<FlowEvent> out) throws Exception {
        if (s.getEffectiveFrom() == null) {
            return;
        }
        long fromMs = s.getEffectiveFrom() / 1_000_000L;
        if (s.getKind() == FeedStatusKind.FAILOVER) {
            ctx.getBroadcastState(SWITCHES).put(fromMs, "BARCHART");
        } else if (s.getKind() == FeedStatusKind.FAILBACK) {
            ctx.getBroadcastState(SWITCHES).put(fromMs, "DATABENTO");
        }
    }
}
