package io.instflow.ifd;

import io.instflow.avro.Bar;
import io.instflow.avro.BarchartOptionQuote;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.ifd.functions.BarFunction;
import io.instflow.ifd.functions.BarchartFlowFunction;
import io.instflow.ifd.functions.BookFunction;
import io.instflow.ifd.functions.DetectorFunction;
import io.instflow.ifd.functions.PressureWindowFunction;
import io.instflow.ifd.functions.SourceGateFunction;
import io.instflow.ifd.functions.ThroughputFunction;
import io.instflow.ifd.io.AvroValueSchema;
import io.instflow.ifd.io.OutputRecordSchema;
import io.instflow.ifd.io.ReferenceDataWatermarks;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;
import io.instflow.ingest.Topics;

import java.time.Duration;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one assembly of the IFD job: Kafka sources, the operators in order, Kafka sinks.
 * {@link #buildTopology} holds the graph and takes any source streams, so tests can feed it.
 */
public final class IfdPipeline {

    /**
     * The Barchart backup's inputs: option snapshots, the connector's failover transitions, and
     * those already published when the job starts.
     */
    public record Backup(DataStream<BarchartOptionQuote> snapshots, DataStream<FeedStatus> switches,
            io.instflow.ifd.io.SwitchesLoader known) {}

    /** What the graph produces. */
    public record Outputs(DataStream<Signal> signals, DataStream<Rejection> rejections,
            DataStream<PressureMetrics> pressure, DataStream<Bar> bars, DataStream<PipelineMetric> metrics) {}

    private IfdPipeline() {}

    public static Outputs buildTopology(DataStream<MboEvent> mbo, DataStream<InstrumentDefinition> definitions,
            IfdConfig config, io.instflow.ifd.io.DefinitionsLoader preload) {
        return buildTopology(mbo, definitions, config, preload, null);
    }

    /** As above, with the Barchart backup's inputs when {@code backup} is not null. */
    public static Outputs buildTopology(DataStream<MboEvent> mbo, DataStream<InstrumentDefinition> definitions,
            IfdConfig config, io.instflow.ifd.io.DefinitionsLoader preload, Backup backup) {
        String id = config.deployment();
        BroadcastStream<InstrumentDefinition> broadcast = definitions.broadcast(BookFunction.DEFINITIONS);
        SingleOutputStreamOperator<MboEvent> counted = mbo
                .process(new ThroughputFunction(id, config.params().profile()),
                        new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(MboEvent.class))
                .uid(id + "-throughput").name("throughput");
        SingleOutputStreamOperator<FlowEvent> flow = counted
                .keyBy(MboEvent::getInstrumentId, Types.LONG)
                .connect(broadcast)
                .process(new BookFunction(config.params().spoofMinSize(), config.params().spoofMaxLifeMs(), preload, id,
                        config.params().profile()),
                        Types.POJO(FlowEvent.class))
                .uid(id + "-book").name("order books");
        SingleOutputStreamOperator<Bar> bars = flow
                .filter(e -> "F".equals(e.contract.instrumentClass)).name("futures only")
                .keyBy(e -> e.instrumentId, Types.LONG)
                .process(new BarFunction(), new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(Bar.class))
                .uid(id + "-bars").name("futures bars");
        DataStream<FlowEvent> optionFlow = flow.filter(e -> e.contract.isOption()).name("options only");
        if (backup != null) {
            DataStream<FlowEvent> estimated = backup.snapshots()
                    .filter(q -> q.getRawSymbol() != null).name("mapped Barchart contracts")
                    .keyBy(q -> q.getRawSymbol(), Types.STRING)
                    .connect(definitions.broadcast(BarchartFlowFunction.BY_RAW_SYMBOL))
                    .process(new BarchartFlowFunction(preload), Types.POJO(FlowEvent.class))
                    .uid(id + "-barchart-flow").name("Barchart estimated flow");
            optionFlow = optionFlow.union(estimated)
                    .connect(backup.switches().broadcast(SourceGateFunction.SWITCHES))
                    .process(new SourceGateFunction(config.windowMinutes(), backup.known()), Types.POJO(FlowEvent.class))
                    .uid(id + "-source-gate").name("one source per window");
        }
        SingleOutputStreamOperator<ContractWindow> windows = optionFlow
                .keyBy(e -> e.instrumentId, Types.LONG)
                .process(new PressureWindowFunction(config.windowMinutes(), config.params().blockSize(), id,
                        config.params().profile()),
                        Types.POJO(ContractWindow.class))
                .uid(id + "-windows").name("pressure windows");
        BroadcastStream<FlowEvent> futuresTrades = flow
                .filter(e -> e.kind == FlowEvent.TRADE && "F".equals(e.contract.instrumentClass)).name("futures trades")
                .broadcast(DetectorFunction.FUTURES_PRICES);
        SingleOutputStreamOperator<Signal> signals = windows
                .keyBy(w -> w.contract.underlying + "|" + w.contract.expiration, Types.STRING)
                .connect(futuresTrades)
                .process(new DetectorFunction(config.params(), config.windowMinutes()),
                        new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(Signal.class))
                .uid(id + "-detector").name("IFD v3 detector");
        DataStream<PipelineMetric> metrics = signals.getSideOutput(DetectorFunction.METRICS)
                .union(counted.getSideOutput(ThroughputFunction.METRICS), windows.getSideOutput(PressureWindowFunction.LATE),
                        flow.getSideOutput(BookFunction.ANOMALIES));
        return new Outputs(signals, signals.getSideOutput(DetectorFunction.REJECTIONS),
                signals.getSideOutput(DetectorFunction.PRESSURE), bars, metrics);
    }

    /** Sources and sinks on Kafka around {@link #buildTopology}. */
    public static void wire(StreamExecutionEnvironment env, IfdConfig config) {
        wire(env, config, null);
    }

    /**
     * As {@link #wire(StreamExecutionEnvironment, IfdConfig)}, with {@code afterSource} applied to
     * every MBO record first (tests inject failures there); null for none.
     */
    public static void wire(StreamExecutionEnvironment env, IfdConfig config,
            org.apache.flink.api.common.functions.MapFunction<MboEvent, MboEvent> afterSource) {
        Topics input = new Topics(config.inputPrefix());
        WatermarkStrategy<MboEvent> watermarks = WatermarkStrategy
                .<MboEvent>forBoundedOutOfOrderness(Duration.ofMillis(config.outOfOrdernessMs()))
                .withTimestampAssigner((e, previous) -> e.getTsEvent() / 1_000_000L)
                .withIdleness(Duration.ofMillis(config.idleMs()));
        DataStream<MboEvent> mbo = env.fromSource(source(config, input.mbo(), MboEvent.class), watermarks, "mbo")
                .uid(config.deployment() + "-mbo-source");
        if (afterSource != null) {
            mbo = mbo.map(afterSource, new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(MboEvent.class))
                    .uid(config.deployment() + "-after-source").name("after source");
        }
        DataStream<InstrumentDefinition> definitions = env.fromSource(
                source(config, input.definitions(), InstrumentDefinition.class),
                WatermarkStrategy.<InstrumentDefinition>forGenerator(context -> new ReferenceDataWatermarks<>()), "definitions")
                .uid(config.deployment() + "-definitions-source");
        Backup backup = null;
        if (config.barchartBackup()) {
            DataStream<BarchartOptionQuote> snapshots = env.fromSource(
                    source(config, input.barchartOptions(), BarchartOptionQuote.class),
                    WatermarkStrategy.<BarchartOptionQuote>forBoundedOutOfOrderness(Duration.ofMillis(config.outOfOrdernessMs()))
                            .withTimestampAssigner((q, previous) -> BarchartFlowFunction.eventTimeMs(q))
                            .withIdleness(Duration.ofMillis(config.idleMs())), "barchart options")
                    .uid(config.deployment() + "-barchart-source");
            DataStream<FeedStatus> switches = env.fromSource(source(config, input.status(), FeedStatus.class),
                    WatermarkStrategy.<FeedStatus>forGenerator(context -> new ReferenceDataWatermarks<>()), "feed status")
                    .uid(config.deployment() + "-status-source")
                    .filter(s -> "failover".equals(s.getSource())).name("failover transitions");
            backup = new Backup(snapshots, switches, new io.instflow.ifd.io.KafkaSwitches(config.bootstrap(), input.status()));
        }
        Outputs out = buildTopology(mbo, definitions, config,
                new io.instflow.ifd.io.KafkaDefinitions(config.bootstrap(), input.definitions()), backup);
        String prefix = config.outputPrefix();
        out.signals().sinkTo(sink(config, prefix + "ifd.signals", Signal.class,
                s -> Long.toString(s.getMetrics().getInstrumentId())))
                .uid(config.deployment() + "-signals-sink").name("signals");
        out.rejections().sinkTo(sink(config, prefix + "ifd.rejections", Rejection.class,
                r -> Long.toString(r.getMetrics().getInstrumentId()))).uid(config.deployment() + "-rejections-sink")
                .name("rejections");
        out.pressure().sinkTo(sink(config, prefix + "ifd.pressure", PressureMetrics.class,
                p -> Long.toString(p.getInstrumentId()))).uid(config.deployment() + "-pressure-sink").name("pressure");
        out.bars().filter(b -> b.getIntervalSeconds() == 60).name("1-minute bars")
                .sinkTo(sink(config, prefix + "bars.1m", Bar.class, Bar::getSymbol))
                .uid(config.deployment() + "-bars-1m-sink").name("bars.1m");
        out.bars().filter(b -> b.getIntervalSeconds() == 300).name("5-minute bars")
                .sinkTo(sink(config, prefix + "bars.5m", Bar.class, Bar::getSymbol))
                .uid(config.deployment() + "-bars-5m-sink").name("bars.5m");
        out.metrics().sinkTo(sink(config, prefix + "ifd.metrics", PipelineMetric.class, PipelineMetric::getJob))
                .uid(config.deployment() + "-metrics-sink").name("metrics");
        out.signals().sinkTo(jsonSink(config, prefix + "ifd.signals.json"))
                .uid(config.deployment() + "-signals-json-sink").name("signals (JSON mirror)");
    }

    private static <T extends SpecificRecordBase> KafkaSource<T> source(IfdConfig config, String topic, Class<T> type) {
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(config.bootstrap())
                .setTopics(topic)
                .setGroupId(config.deployment())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setValueOnlyDeserializer(new AvroValueSchema<>(type));
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static <T extends SpecificRecordBase> KafkaSink<T> sink(IfdConfig config, String topic, Class<T> type,
            SerializableKey<T> key) {
        Properties props = new Properties();
        props.put("transaction.timeout.ms", "900000");
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrap())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(new OutputRecordSchema<>(topic, key::of, new AvroValueSchema<>(type)))
                .setDeliveryGuarantee(config.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.deployment() + "-" + topic.replace('.', '-'))
                .build();
    }

    /** The JSON mirror of the signals: flat JSON ({@link io.instflow.ifd.io.FlatJson}), keyed like the Avro topic. */
    private static KafkaSink<Signal> jsonSink(IfdConfig config, String topic) {
        Properties props = new Properties();
        props.put("transaction.timeout.ms", "900000");
        return KafkaSink.<Signal>builder()
                .setBootstrapServers(config.bootstrap())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(new OutputRecordSchema<Signal>(topic, s -> Long.toString(s.getMetrics().getInstrumentId()),
                        new io.instflow.ifd.io.SignalJsonSchema()))
                .setDeliveryGuarantee(config.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.deployment() + "-" + topic.replace('.', '-'))
                .build();
    }

    @FunctionalInterface
    private interface SerializableKey<T> extends java.io.Serializable {
        String of(T element);
    }
}
