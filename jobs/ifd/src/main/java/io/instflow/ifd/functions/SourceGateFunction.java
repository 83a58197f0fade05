package io.instflow.ifd.functions;

import io.instflow.avro.FeedStatus;
import io.instflow.ifd.io.SwitchesLoader;
import io.instflow.ifd.logic.SourceSwitch;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each detector window to one source (spec/barchart.md §9): the connector's FAILOVER and
 * FAILBACK transitions say from which window boundary Barchart or Databento governs; flow of the
 * other source in a window is dropped (and counted), so no window mixes MBO trades with estimated
 * snapshot volume. Before any transition, Databento governs. A switch never changes once published,
 * so the preloaded and the broadcast switches are simply merged.
 */
public final class SourceGateFunction
        extends BroadcastProcessFunction<FlowEvent, FeedStatus, FlowEvent> {

    private static final long serialVersionUID = 1L;

    /** Window boundary (ms) → the source governing windows from there: DATABENTO or BARCHART. */
    public static final MapStateDescriptor<Long, String> SWITCHES =
            new MapStateDescriptor<>("source-switches", Types.LONG, Types.STRING);

    private final long lengthMs;
    private final SwitchesLoader preload;

    /**
     * Preloaded and broadcast switches; the restored broadcast state joins at the first element.
     */
    private transient Map<Long, String> known;

    private transient boolean restoredJoined;
    private transient Counter dropped;

    /**
     * Switches already on the status topic come from {@code preload}, so a replay gates like the
     * live run did.
     */
    public SourceGateFunction(int windowMinutes, SwitchesLoader preload) {
        this.lengthMs = windowMinutes * 60_000L;
        this.preload = preload;
    }

    @Override
    public void open(OpenContext context) {
        known = new HashMap<>(preload.load());
        dropped = getRuntimeContext().getMetricGroup().counter("otherSourceDropped");
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<FlowEvent> out)
            throws Exception {
        long windowStart = Math.floorDiv(Math.floorDiv(e.tsEvent, 1_000_000L), lengthMs) * lengthMs;
        if (!restoredJoined) {
            for (Map.Entry<Long, String> s : ctx.getBroadcastState(SWITCHES).immutableEntries()) {
                known.putIfAbsent(s.getKey(), s.getValue());
            }
            restoredJoined = true;
        }
        if (e.degraded
                == SourceSwitch.BARCHART.equals(
                        SourceSwitch.governingAt(windowStart, known.entrySet()))) {
            out.collect(e);
        } else {
            dropped.inc();
        }
    }

    @Override
    public void processBroadcastElement(FeedStatus s, Context ctx, Collector<FlowEvent> out)
            throws Exception {
        String governing = SourceSwitch.governing(s);
        if (governing != null) {
            ctx.getBroadcastState(SWITCHES).put(s.getEffectiveFrom() / 1_000_000L, governing);
            known.put(s.getEffectiveFrom() / 1_000_000L, governing);
        }
    }
}
