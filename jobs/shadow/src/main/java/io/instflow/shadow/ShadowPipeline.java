package io.instflow.shadow;

import io.instflow.avro.Bar;
import io.instflow.avro.Comparison;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.Signal;
import io.instflow.ifd.io.AvroValueSchema;
import io.instflow.ifd.io.OutputRecordSchema;
import io.instflow.shadow.functions.ComparisonFunction;
import io.instflow.shadow.functions.ShadowInput;

import java.time.Duration;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one assembly of the comparison job: production signals, shadow signals and production's
 * 1-minute futures bars from Kafka, the comparison per underlying in event time, and the
 * comparison and metrics sinks.
 */
public final class ShadowPipeline {

    /** What the graph produces. */
    public record Outputs(DataStream<Comparison> comparisons, DataStream<PipelineMetric> metrics) {}

    private ShadowPipeline() {}

    public static Outputs buildTopology(DataStream<ShadowInput> inputs, ShadowConfig config) {
        SingleOutputStreamOperator<Comparison> comparisons = inputs
                .keyBy(in -> in.underlying, Types.STRING)
                .process(new ComparisonFunction(config), new AvroTypeInfo<>(Comparison.class))
                .uid(config.deployment() + "-compare").name("compare and judge");
        return new Outputs(comparisons, comparisons.getSideOutput(ComparisonFunction.METRICS));
    }

    /**
     * Watermarks per source (per Kafka partition), so the union waits for the slowest: a signal is
     * joined only once both sides have passed its window, and judged only once the bars have.
     * Quiet signal topics go idle and stop holding the others back.
     */
    public static void wire(StreamExecutionEnvironment env, ShadowConfig config) {
        DataStream<ShadowInput> production = env.fromSource(
                source(config, config.productionPrefix() + "ifd.signals", Signal.class, "production"),
                watermarks(config, (Signal s) -> s.getMetrics().getWindowEnd()), "production signals")
                .uid(config.deployment() + "-production-source")
                .map(new ToInput(ShadowInput.PRODUCTION), Types.POJO(ShadowInput.class)).name("production");
        DataStream<ShadowInput> shadow = env.fromSource(
                source(config, config.shadowPrefix() + "ifd.signals", Signal.class, "shadow"),
                watermarks(config, (Signal s) -> s.getMetrics().getWindowEnd()), "shadow signals")
                .uid(config.deployment() + "-shadow-source")
                .map(new ToInput(ShadowInput.SHADOW), Types.POJO(ShadowInput.class)).name("shadow");
        DataStream<ShadowInput> bars = env.fromSource(
                source(config, config.productionPrefix() + "bars.1m", Bar.class, "bars"),
                watermarks(config, Bar::getWindowEnd), "futures bars").uid(config.deployment() + "-bars-source")
                .map(ShadowInput::bar, Types.POJO(ShadowInput.class)).name("bars");
        Outputs out = buildTopology(production.union(shadow, bars), config);
        out.comparisons().sinkTo(sink(config, config.outputPrefix() + "shadow.comparison", Comparison.class,
                c -> Long.toString(c.getWindowStart()))).uid(config.deployment() + "-comparison-sink").name("comparisons");
        out.metrics().sinkTo(sink(config, config.outputPrefix() + "ifd.metrics", PipelineMetric.class, PipelineMetric::getJob))
                .uid(config.deployment() + "-metrics-sink").name("metrics");
    }

    /** Event time just before the window or bar end, so a timer at the end sees the record. */
    private static <T> WatermarkStrategy<T> watermarks(ShadowConfig config, EndNs<T> end) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMillis(config.outOfOrdernessMs()))
                .withTimestampAssigner((record, previous) -> end.of(record) / 1_000_000L - 1)
                .withIdleness(Duration.ofMillis(config.idleMs()));
    }

    @FunctionalInterface
    private interface EndNs<T> extends java.io.Serializable {
        long of(T record);
    }

    /** A signal as a join input of one side. */
    private static final class ToInput implements org.apache.flink.api.common.functions.MapFunction<Signal, ShadowInput> {
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

    private static <T extends SpecificRecordBase> KafkaSource<T> source(ShadowConfig config, String topic, Class<T> type,
            String name) {
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(config.bootstrap())
                .setTopics(topic)
                .setGroupId(config.deployment() + "-" + name)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setValueOnlyDeserializer(new AvroValueSchema<>(type));
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static <T extends SpecificRecordBase> KafkaSink<T> sink(ShadowConfig config, String topic, Class<T> type,
            OutputRecordSchema.Key<T> key) {
        Properties props = new Properties();
        props.put("transaction.timeout.ms", "900000");
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrap())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(new OutputRecordSchema<>(topic, key, new AvroValueSchema<>(type)))
                .setDeliveryGuarantee(config.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.deployment() + "-" + topic.replace('.', '-'))
                .build();
    }
}
