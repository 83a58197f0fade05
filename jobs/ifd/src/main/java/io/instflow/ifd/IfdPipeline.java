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
import io.instflow.contract.Deployment;
import io.instflow.contract.MetricRecords;
import io.instflow.contract.Topics;
import io.instflow.contract.flink.DeadLetter;
import io.instflow.contract.flink.GuardedSources;
import io.instflow.contract.flink.KafkaConnectors;
import io.instflow.contract.flink.RecordTypes;
import io.instflow.contract.flink.SourceIdleness;
import io.instflow.contract.flink.ValueGuard;
import io.instflow.ifd.functions.BarFunction;
import io.instflow.ifd.functions.BarchartFlowFunction;
import io.instflow.ifd.functions.BookFunction;
import io.instflow.ifd.functions.DetectorFunction;
import io.instflow.ifd.functions.FuturesPrices;
import io.instflow.ifd.functions.PressureWindowFunction;
import io.instflow.ifd.functions.SourceGateFunction;
import io.instflow.ifd.functions.ThroughputFunction;
import io.instflow.ifd.functions.WriteBackBroadcastOperator;
import io.instflow.ifd.functions.WriteBackProcessOperator;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.io.FlatJsonValueSchema;
import io.instflow.ifd.io.KafkaDefinitions;
import io.instflow.ifd.io.KafkaSwitches;
import io.instflow.ifd.io.MboTimeGuard;
import io.instflow.ifd.io.ReferenceDataWatermarks;
import io.instflow.ifd.io.SwitchesLoader;
import io.instflow.ifd.model.ContractWindow;
import io.instflow.ifd.model.FlowEvent;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;

/**
 * The one assembly of the IFD job: Kafka sources, the operators in order, Kafka sinks. {@link
 * #buildTopology} holds the graph and takes any source streams, so tests can feed it.
 */
public final class IfdPipeline {

    /**
     * The Barchart backup's inputs: option snapshots, the connector's failover transitions, and
     * those already published when the job starts.
     */
    public record Backup(
            DataStream<BarchartOptionQuote> snapshots,
            DataStream<FeedStatus> switches,
            SwitchesLoader known) {}

    /** What the graph produces. */
    public record Outputs(
            DataStream<Signal> signals,
            DataStream<Rejection> rejections,
            DataStream<PressureMetrics> pressure,
            DataStream<Bar> bars,
            DataStream<Bar> formingBars,
            DataStream<PipelineMetric> metrics,
            DataStream<DeadLetter> deadLetters) {}

    private IfdPipeline() {}

    public static Outputs buildTopology(
            DataStream<MboEvent> mbo,
            DataStream<InstrumentDefinition> definitions,
            IfdConfig config,
            DefinitionsLoader preload) {
        return buildTopology(mbo, definitions, config, preload, null);
    }

    /** As above, with the Barchart backup's inputs when {@code backup} is not null. */
    public static Outputs buildTopology(
            DataStream<MboEvent> mbo,
            DataStream<InstrumentDefinition> definitions,
            IfdConfig config,
            DefinitionsLoader preload,
            Backup backup) {
        Deployment id = config.deployment();
        MetricRecords metrics = new MetricRecords(id, config.params().profile());
        SingleOutputStreamOperator<MboEvent> counted =
                mbo.process(new ThroughputFunction(metrics), RecordTypes.of(MboEvent.class))
                        .uid(id.uid("throughput"))
                        .name("throughput");
        SingleOutputStreamOperator<FlowEvent> flow =
                counted.keyBy(MboEvent::getInstrumentId, Types.LONG)
                        .connect(definitions.broadcast())
                        .transform(
                                "order books",
                                Types.POJO(FlowEvent.class),
                                new WriteBackBroadcastOperator<>(
                                        new BookFunction(
                                                config.params().spoofMinSize(),
                                                config.params().spoofMaxLifeMs(),
                                                preload,
                                                metrics,
                                                config.input().mbo(),
                                                config.definitionWaitMs()),
                                        List.of(BookFunction.DEFINITIONS)))
                        .uid(id.uid("book"))
                        .name("order books");
        // bars and the detector's prices are made of futures trades only: nothing else crosses
        SingleOutputStreamOperator<FlowEvent> futuresTrades =
                flow.filter(e -> e.kind == FlowEvent.TRADE && e.contract.isFuture())
                        .name("futures trades");
        SingleOutputStreamOperator<Bar> bars =
                futuresTrades
                        .keyBy(e -> e.instrumentId, Types.LONG)
                        .transform(
                                "futures bars",
                                new AvroTypeInfo<>(Bar.class),
                                new WriteBackProcessOperator<>(new BarFunction(metrics)))
                        .uid(id.uid("bars"))
                        .name("futures bars");
        DataStream<FlowEvent> optionFlow =
                flow.filter(e -> e.contract.isOption()).name("options only");
        KeyedStream<FlowEvent, Long> byContract;
        if (backup == null) {
            // the book operator's output is already partitioned by instrument id: no second shuffle
            byContract =
                    DataStreamUtils.reinterpretAsKeyedStream(
                            optionFlow, e -> e.instrumentId, Types.LONG);
        } else {
            DataStream<FlowEvent> estimated =
                    backup.snapshots()
                            .filter(q -> q.getRawSymbol() != null)
                            .name("mapped Barchart contracts")
                            .keyBy(q -> q.getRawSymbol(), Types.STRING)
                            .connect(definitions.broadcast(BarchartFlowFunction.BY_RAW_SYMBOL))
                            .process(new BarchartFlowFunction(preload), Types.POJO(FlowEvent.class))
                            .uid(id.uid("barchart-flow"))
                            .name("Barchart estimated flow");
            byContract =
                    optionFlow
                            .union(estimated)
                            .connect(backup.switches().broadcast(SourceGateFunction.SWITCHES))
                            .process(
                                    new SourceGateFunction(config.windowMinutes(), backup.known()),
                                    Types.POJO(FlowEvent.class))
                            .uid(id.uid("source-gate"))
                            .name("one source per window")
                            .keyBy(e -> e.instrumentId, Types.LONG);
        }
        SingleOutputStreamOperator<ContractWindow> windows =
                byContract
                        .transform(
                                "pressure windows",
                                Types.POJO(ContractWindow.class),
                                new WriteBackProcessOperator<>(
                                        new PressureWindowFunction(
                                                config.windowMinutes(),
                                                config.params().blockSize(),
                                                config.params().isV31()
                                                        ? config.params().structureMinLegSize()
                                                        : 0,
                                                metrics)))
                        .uid(id.uid("windows"))
                        .name("pressure windows");
        SingleOutputStreamOperator<Signal> signals =
                windows.keyBy(DetectorFunction::key, Types.STRING)
                        .connect(futuresTrades.broadcast())
                        .transform(
                                "IFD " + config.params().algorithm() + " detector",
                                new AvroTypeInfo<>(Signal.class),
                                new WriteBackBroadcastOperator<>(
                                        new DetectorFunction(
                                                config.params(),
                                                config.windowMinutes(),
                                                id,
                                                config.baselines()),
                                        List.of(FuturesPrices.STATE)))
                        // keyed by underlying since v3.1's pools: expiry-keyed state does not
                        // restore
                        .uid(id.uid("detector-by-underlying"))
                        .name("IFD " + config.params().algorithm() + " detector");
        DataStream<PipelineMetric> allMetrics =
                signals.getSideOutput(DetectorFunction.METRICS)
                        .union(
                                counted.getSideOutput(ThroughputFunction.METRICS),
                                windows.getSideOutput(PressureWindowFunction.LATE),
                                bars.getSideOutput(BarFunction.LATE),
                                flow.getSideOutput(BookFunction.ANOMALIES));
        return new Outputs(
                signals,
                signals.getSideOutput(DetectorFunction.REJECTIONS),
                signals.getSideOutput(DetectorFunction.PRESSURE),
                bars,
                bars.getSideOutput(BarFunction.FORMING),
                allMetrics,
                flow.getSideOutput(BookFunction.UNDEFINED));
    }

    /** Sources and sinks on Kafka around {@link #buildTopology}. */
    public static void wire(StreamExecutionEnvironment env, IfdConfig config) {
        wire(env, config, null);
    }

    /**
     * As {@link #wire(StreamExecutionEnvironment, IfdConfig)}, with {@code afterSource} applied to
     * every MBO record first (tests inject failures there); null for none.
     */
    public static void wire(
            StreamExecutionEnvironment env,
            IfdConfig config,
            MapFunction<MboEvent, MboEvent> afterSource) {
        Topics input = config.input();
        KafkaConnectors kafka = config.kafka();
        Deployment id = config.deployment();
        GuardedSources sources = new GuardedSources(env, kafka);
        DataStream<MboEvent> mbo =
                sources.values(
                        input.mbo(),
                        MboEvent.class,
                        new MboTimeGuard(config.guard()),
                        mboWatermarks(config),
                        "mbo");
        if (afterSource != null) {
            mbo =
                    mbo.map(afterSource, RecordTypes.of(MboEvent.class))
                            .uid(id.uid("after-source"))
                            .name("after source");
        }
        DataStream<InstrumentDefinition> definitions =
                sources.values(
                        input.definitions(),
                        InstrumentDefinition.class,
                        ValueGuard.none(),
                        definitionWatermarks(),
                        "definitions");
        Backup backup = null;
        if (config.barchartBackup()) {
            DataStream<BarchartOptionQuote> snapshots =
                    sources.values(
                            input.barchartOptions(),
                            BarchartOptionQuote.class,
                            ValueGuard.none(),
                            SourceIdleness.liveOnly(
                                    WatermarkStrategy.<BarchartOptionQuote>forBoundedOutOfOrderness(
                                                    Duration.ofMillis(config.outOfOrdernessMs()))
                                            .withTimestampAssigner(
                                                    (q, previous) ->
                                                            BarchartFlowFunction.eventTimeMs(q)),
                                    config.idleMs(),
                                    config.bounded()),
                            "barchart");
            DataStream<FeedStatus> switches =
                    sources.values(
                                    input.status(),
                                    FeedStatus.class,
                                    ValueGuard.none(),
                                    WatermarkStrategy.<FeedStatus>forGenerator(
                                            context -> new ReferenceDataWatermarks<>()),
                                    "status")
                            .filter(s -> "failover".equals(s.getSource()))
                            .name("failover transitions");
            backup =
                    new Backup(
                            snapshots,
                            switches,
                            new KafkaSwitches(config.bootstrap(), input.status()));
        }
        Outputs out =
                buildTopology(
                        mbo,
                        definitions,
                        config,
                        new KafkaDefinitions(config.bootstrap(), input.definitions()),
                        backup);
        sources.add(out.deadLetters());
        DataStream<PipelineMetric> deadLetterCounts =
                sources.sinkDeadLetters(
                        config.output().jobDeadLetter(),
                        new MetricRecords(id, config.params().profile()));
        sinkTo(out, out.metrics().union(deadLetterCounts), config.output(), kafka, id);
    }

    /**
     * Event time of the MBO stream: ts_event, bounded out-of-orderness, idle partitions skipped
     * live.
     */
    public static WatermarkStrategy<MboEvent> mboWatermarks(IfdConfig config) {
        return SourceIdleness.liveOnly(
                WatermarkStrategy.<MboEvent>forBoundedOutOfOrderness(
                                Duration.ofMillis(config.outOfOrdernessMs()))
                        .withTimestampAssigner((e, previous) -> e.getTsEvent() / 1_000_000L),
                config.idleMs(),
                config.bounded());
    }

    /** The definitions' event time: reference data never holds the others back. */
    public static WatermarkStrategy<InstrumentDefinition> definitionWatermarks() {
        return WatermarkStrategy.forGenerator(context -> new ReferenceDataWatermarks<>());
    }

    /** Each output to its topic, keyed as the topic registry says. */
    private static void sinkTo(
            Outputs out,
            DataStream<PipelineMetric> metrics,
            Topics topics,
            KafkaConnectors kafka,
            Deployment id) {
        out.signals()
                .sinkTo(
                        kafka.sink(
                                topics.signals(),
                                Signal.class,
                                s -> Long.toString(s.getMetrics().getInstrumentId())))
                .uid(id.uid("signals-sink"))
                .name("signals");
        out.signals()
                .sinkTo(
                        kafka.sink(
                                topics.signalsJson(),
                                s -> Long.toString(s.getMetrics().getInstrumentId()),
                                new FlatJsonValueSchema<Signal>()))
                .uid(id.uid("signals-json-sink"))
                .name("signals (JSON mirror)");
        out.rejections()
                .sinkTo(
                        kafka.sink(
                                topics.rejections(),
                                Rejection.class,
                                r -> Long.toString(r.getMetrics().getInstrumentId())))
                .uid(id.uid("rejections-sink"))
                .name("rejections");
        out.pressure()
                .sinkTo(
                        kafka.sink(
                                topics.pressure(),
                                PressureMetrics.class,
                                p -> Long.toString(p.getInstrumentId())))
                .uid(id.uid("pressure-sink"))
                .name("pressure");
        out.bars()
                .filter(b -> b.getIntervalSeconds() == 60)
                .name("1-minute bars")
                .sinkTo(kafka.sink(topics.bars(1), Bar.class, Bar::getSymbol))
                .uid(id.uid("bars-1m-sink"))
                .name("bars.1m");
        out.bars()
                .filter(b -> b.getIntervalSeconds() == 300)
                .name("5-minute bars")
                .sinkTo(kafka.sink(topics.bars(5), Bar.class, Bar::getSymbol))
                .uid(id.uid("bars-5m-sink"))
                .name("bars.5m");
        out.formingBars()
                .sinkTo(kafka.previewSink(topics.formingBars(), Bar.class, Bar::getSymbol))
                .uid(id.uid("bars-forming-sink"))
                .name("bars.forming");
        metrics.sinkTo(kafka.sink(topics.metrics(), PipelineMetric.class, PipelineMetric::getJob))
                .uid(id.uid("metrics-sink"))
                .name("metrics");
    }
}
