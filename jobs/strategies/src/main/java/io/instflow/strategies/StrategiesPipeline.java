package io.instflow.strategies;

import io.instflow.avro.Bar;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Signal;
import io.instflow.avro.StrategyOrder;
import io.instflow.avro.StrategyPosition;
import io.instflow.avro.StrategyTrade;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.contract.Topics;
import io.instflow.contract.flink.EndTimeWatermarks;
import io.instflow.contract.flink.GuardedSources;
import io.instflow.contract.flink.KafkaConnectors;
import io.instflow.contract.flink.OutputRecordSchema;
import io.instflow.ifd.io.FlatJsonValueSchema;
import io.instflow.strategies.functions.InputGuards;
import io.instflow.strategies.functions.PaperTradingFunction;
import io.instflow.strategies.functions.TradeInput;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one assembly of the strategies job: an IFD deployment's committed signals and 1-minute
 * futures bars from Kafka (values a strategy cannot trade on dead-lettered with the reason), paper
 * trading per future in event time, and the orders, positions and round trips to their topics, each
 * with its flat-JSON mirror, exactly-once.
 */
public final class StrategiesPipeline {

    /** What the graph produces. */
    public record Outputs(
            DataStream<StrategyOrder> orders,
            DataStream<StrategyPosition> positions,
            DataStream<StrategyTrade> trades,
            DataStream<PipelineMetric> metrics) {}

    private StrategiesPipeline() {}

    public static Outputs buildTopology(DataStream<TradeInput> inputs, StrategiesConfig config) {
        SingleOutputStreamOperator<StrategyOrder> orders =
                inputs.keyBy(in -> in.underlying, Types.STRING)
                        .process(
                                new PaperTradingFunction(config),
                                new AvroTypeInfo<>(StrategyOrder.class))
                        .uid(config.deployment().uid("paper-trading"))
                        .name("paper trading");
        return new Outputs(
                orders,
                orders.getSideOutput(PaperTradingFunction.POSITIONS),
                orders.getSideOutput(PaperTradingFunction.TRADES),
                orders.getSideOutput(PaperTradingFunction.METRICS));
    }

    /**
     * Watermarks per Kafka partition, so the union waits for the slowest: a bar is traded only once
     * every signal that could act on it has arrived. Quiet signal partitions go idle.
     */
    public static void wire(StreamExecutionEnvironment env, StrategiesConfig config) {
        wire(env, config, null);
    }

    /**
     * As {@link #wire(StreamExecutionEnvironment, StrategiesConfig)}, with {@code afterSources}
     * applied to every input first (tests inject failures there); null for none.
     */
    public static void wire(
            StreamExecutionEnvironment env,
            StrategiesConfig config,
            MapFunction<TradeInput, TradeInput> afterSources) {
        KafkaConnectors kafka = config.kafka();
        Deployment id = config.deployment();
        Topics input = new Topics(config.inputPrefix());
        GuardedSources sources = new GuardedSources(env, kafka);
        DataStream<TradeInput> signals =
                sources.values(
                                input.signals(),
                                Signal.class,
                                InputGuards.signals(),
                                watermarks(config, (Signal s) -> s.getMetrics().getWindowEnd()),
                                "signals")
                        .map(TradeInput::signal, Types.POJO(TradeInput.class))
                        .name("signals to trade");
        DataStream<TradeInput> bars =
                sources.values(
                                input.bars(1),
                                Bar.class,
                                InputGuards.bars(),
                                watermarks(config, Bar::getWindowEnd),
                                "bars")
                        .map(TradeInput::bar, Types.POJO(TradeInput.class))
                        .name("futures bars");
        DataStream<TradeInput> inputs = signals.union(bars);
        if (afterSources != null) {
            inputs =
                    inputs.map(afterSources, Types.POJO(TradeInput.class))
                            .uid(id.uid("after-sources"))
                            .name("after sources");
        }
        Outputs out = buildTopology(inputs, config);
        Topics output = new Topics(config.outputPrefix());
        sink(
                out.orders(),
                output.strategyOrders(),
                StrategyOrder.class,
                StrategyOrder::getStrategy,
                output,
                kafka,
                id,
                "orders");
        sink(
                out.positions(),
                output.strategyPositions(),
                StrategyPosition.class,
                p -> p.getStrategy() + "|" + p.getUnderlying(),
                output,
                kafka,
                id,
                "positions");
        sink(
                out.trades(),
                output.strategyPnl(),
                StrategyTrade.class,
                StrategyTrade::getStrategy,
                output,
                kafka,
                id,
                "pnl");
        out.metrics()
                .union(
                        sources.sinkDeadLetters(
                                output.jobDeadLetter(),
                                new MetricRecords(id, config.profileLabel())))
                .sinkTo(kafka.sink(output.metrics(), PipelineMetric.class, PipelineMetric::getJob))
                .uid(id.uid("metrics-sink"))
                .name("metrics");
    }

    /** A stream to its Avro topic and to that topic's flat-JSON mirror, under one key. */
    private static <T extends SpecificRecordBase> void sink(
            DataStream<T> stream,
            String topic,
            Class<T> type,
            OutputRecordSchema.Key<T> key,
            Topics topics,
            KafkaConnectors kafka,
            Deployment id,
            String name) {
        stream.sinkTo(kafka.sink(topic, type, key)).uid(id.uid(name + "-sink")).name(topic);
        String mirror = topics.jsonMirror(topic);
        stream.sinkTo(kafka.sink(mirror, key, new FlatJsonValueSchema<T>()))
                .uid(id.uid(name + "-json-sink"))
                .name(mirror);
    }

    private static <T> WatermarkStrategy<T> watermarks(
            StrategiesConfig config, EndTimeWatermarks.EndNs<T> end) {
        return EndTimeWatermarks.of(
                config.outOfOrdernessMs(), config.idleMs(), config.bounded(), end);
    }
}
