package io.instflow.strategies.functions;

import io.instflow.avro.PipelineMetric;
import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyPosition;
import io.instflow.avro.StrategyTrade;
import io.instflow.contract.MetricRecords;
import io.instflow.strategies.StrategiesConfig;
import io.instflow.strategies.logic.ClosedTrade;
import io.instflow.strategies.logic.KeeperState;
import io.instflow.strategies.logic.PaperOrder;
import io.instflow.strategies.logic.PositionKeeper;
import io.instflow.strategies.logic.StrategyParams;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per future, in event time: holds signals and bars until the watermark passes them, then gives
 * them in order to every strategy's {@link PositionKeeper}, rebuilt around its state for each step.
 * Orders are the main output; positions after each fill and closed round trips go to side outputs.
 * A replay of the same topics gives the same records, since nothing here reads the clock.
 */
public final class PaperTradingFunction
        extends KeyedProcessFunction<String, TradeInput, StrategyOrder> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<StrategyPosition> POSITIONS =
            new OutputTag<>("strategy-positions", new AvroTypeInfo<>(StrategyPosition.class));
    public static final OutputTag<StrategyTrade> TRADES =
            new OutputTag<>("strategy-trades", new AvroTypeInfo<>(StrategyTrade.class));

    /**
     * {@code round_trip_net_usd} per round trip and {@code orders_skipped} per signal a limit
     * stopped, tagged with the strategy (and the exit or the limit), for the metrics topic.
     */
    public static final OutputTag<PipelineMetric> METRICS =
            new OutputTag<>("strategy-metrics", new AvroTypeInfo<>(PipelineMetric.class));

    private final StrategiesConfig config;
    private final MetricRecords metrics;

    /** Inputs the watermark has not passed yet (lifetime: until it does). */
    private transient ListState<TradeInput> waiting;

    /** Each strategy's keeper state by strategy name (lifetime: the job's; bounded per future). */
    private transient MapState<String, KeeperState> keepers;

    public PaperTradingFunction(StrategiesConfig config) {
        this.config = config;
        this.metrics = new MetricRecords(config.deployment(), config.profileLabel());
    }

    @Override
    public void open(OpenContext context) {
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("waiting", Types.POJO(TradeInput.class)));
        keepers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "keepers", Types.STRING, Types.POJO(KeeperState.class)));
    }

    @Override
    public void processElement(TradeInput in, Context ctx, Collector<StrategyOrder> out)
            throws Exception {
        waiting.add(in);
        // a bounded run trades once every input has arrived, whatever order the sources were read
        // in: a source that starts late would otherwise let the other carry event time past it
        ctx.timerService().registerEventTimeTimer(config.bounded() ? Long.MAX_VALUE : in.eventMs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StrategyOrder> out)
            throws Exception {
        List<TradeInput> due = new ArrayList<>();
        List<TradeInput> later = new ArrayList<>();
        for (TradeInput in : waiting.get()) {
            (in.eventMs <= timestamp ? due : later).add(in);
        }
        if (due.isEmpty()) {
            return;
        }
        waiting.update(later);
        due.sort(TradeInput::compare);
        String underlying = ctx.getCurrentKey();
        for (TradeInput in : due) {
            for (StrategyParams params : config.strategies()) {
                step(params, in, underlying, ctx, out);
            }
        }
    }

    private void step(
            StrategyParams params,
            TradeInput in,
            String underlying,
            OnTimerContext ctx,
            Collector<StrategyOrder> out)
            throws Exception {
        KeeperState state = keepers.get(params.name());
        PositionKeeper keeper =
                new PositionKeeper(params, state == null ? new KeeperState() : state);
        double realised = keeper.state().realisedNetUsd;
        List<PaperOrder> orders =
                in.kind == TradeInput.SIGNAL
                        ? keeper.onSignal(in.intent())
                        : keeper.onBar(in.minuteBar());
        String profile = config.profileLabel();
        boolean filled = false;
        for (PaperOrder o : orders) {
            out.collect(StrategyRecords.order(o, profile, underlying));
            filled |= o.filled();
            if (!o.filled()) {
                long ns = o.atMs() * 1_000_000L;
                ctx.output(
                        METRICS,
                        metrics.metric(
                                "orders_skipped",
                                1,
                                "count",
                                ns,
                                ns,
                                Map.of("strategy", params.name(), "reason", o.reason())));
            }
        }
        for (ClosedTrade t : keeper.closedTrades()) {
            realised += t.netUsd();
            ctx.output(TRADES, StrategyRecords.trade(t, profile, underlying, realised));
            ctx.output(
                    METRICS,
                    metrics.metric(
                            "round_trip_net_usd",
                            t.netUsd(),
                            "USD",
                            t.entryMs() * 1_000_000L,
                            t.exitMs() * 1_000_000L,
                            Map.of(
                                    "strategy",
                                    params.name(),
                                    "underlying",
                                    underlying,
                                    "exit",
                                    t.exitReason())));
        }
        if (filled) {
            ctx.output(
                    POSITIONS,
                    StrategyRecords.position(
                            params.name(), profile, underlying, in.barStartMs, keeper.state()));
        }
        keepers.put(params.name(), keeper.state());
    }
}
