package io.instflow.shadow;

import io.instflow.avro.Bar;
import io.instflow.avro.Comparison;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Signal;
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.contract.Topics;
import io.instflow.contract.flink.EndTimeWatermarks;
import io.instflow.contract.flink.GuardedSources;
import io.instflow.contract.flink.KafkaConnectors;
import io.instflow.contract.flink.ValueGuard;
import io.instflow.shadow.functions.ComparisonFunction;
import io.instflow.shadow.functions.ShadowInput;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one assembly of the comparison job: production signals, shadow signals and production's
 * 1-minute futures bars from Kafka (values that are not of their topic's type dead-lettered), the
 * comparison per underlying in event time, and the comparison, metrics and dead-letter sinks.
 */
public final class ShadowPipeline {

    /** What the graph produces. */
    public record Outputs(DataStream<Comparison> comparisons, DataStream<PipelineMetric> metrics) {}

    private ShadowPipeline() {}

    public static Outputs buildTopology(DataStream<ShadowInput> inputs, ShadowConfig config) {
        SingleOutputStreamOperator<Comparison> comparisons =
                inputs.keyBy(in -> in.underlying, Types.STRING)
                        .process(
                                new ComparisonFunction(config),
                                new AvroTypeInfo<>(Comparison.class))
                        .uid(config.deployment().uid("compare"))
                        .name("compare and judge");
        return new Outputs(comparisons, comparisons.getSideOutput(ComparisonFunction.METRICS));
    }

    /**
     * Watermarks per source (per Kafka partition), so the union waits for the slowest: a signal is
     * joined only once both sides have passed its window, and judged only once the bars have. Quiet
     * signal topics go idle and stop holding the others back.
     */
    public static void wire(StreamExecutionEnvironment env, ShadowConfig config) {
        KafkaConnectors kafka = config.kafka();
        Deployment id = config.deployment();
        Topics production = new Topics(config.productionPrefix());
        GuardedSources sources = new GuardedSources(env, kafka);
        DataStream<ShadowInput> productionSignals =
                sources.values(
                                production.signals(),
                                Signal.class,
                                ValueGuard.none(),
                                watermarks(config, (Signal s) -> s.getMetrics().getWindowEnd()),
                                "production")
                        .map(new ToInput(ShadowInput.PRODUCTION), Types.POJO(ShadowInput.class))
                        .name("production signals");
        DataStream<ShadowInput> shadowSignals =
                sources.values(
                                new Topics(config.shadowPrefix()).signals(),
                                Signal.class,
                                ValueGuard.none(),
                                watermarks(config, (Signal s) -> s.getMetrics().getWindowEnd()),
                                "shadow")
                        .map(new ToInput(ShadowInput.SHADOW), Types.POJO(ShadowInput.class))
                        .name("shadow signals");
        DataStream<ShadowInput> bars =
                sources.values(
                                production.bars(1),
                                Bar.class,
                                ValueGuard.none(),
                                watermarks(config, Bar::getWindowEnd),
                                "bars")
                        .map(ShadowInput::bar, Types.POJO(ShadowInput.class))
                        .name("futures bars");
        Outputs out = buildTopology(productionSignals.union(shadowSignals, bars), config);
        Topics output = new Topics(config.outputPrefix());
        out.comparisons()
                .sinkTo(
                        kafka.sink(
                                output.comparison(),
                                Comparison.class,
                                c -> Long.toString(c.getWindowStart())))
                .uid(id.uid("comparison-sink"))
                .name("comparisons");
        DataStream<PipelineMetric> deadLetterCounts =
                sources.sinkDeadLetters(
                        output.jobDeadLetter(), new MetricRecords(id, "comparison"));
        out.metrics()
                .union(deadLetterCounts)
                .sinkTo(kafka.sink(output.metrics(), PipelineMetric.class, PipelineMetric::getJob))
                .uid(id.uid("metrics-sink"))
                .name("metrics");
    }

    private static <T> WatermarkStrategy<T> watermarks(
            ShadowConfig config, EndTimeWatermarks.EndNs<T> end) {
        return EndTimeWatermarks.of(
                config.outOfOrdernessMs(), config.idleMs(), config.bounded(), end);
    }

    /** A signal as a join input of one side. */
    private static final class ToInput
            implements org.apache.flink.api.common.functions.MapFunction<Signal, ShadowInput> {
        private static final long serialVersionUID = 1L;
        private final int side;

        ToInput(int side) {
            this.side = side;
        }

        @Override
        public ShadowInput map(Signal s) {
            return ShadowInput.signal(side, s);
        }
    }
}
