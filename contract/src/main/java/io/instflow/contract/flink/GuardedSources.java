package io.instflow.contract.flink;

import io.instflow.avro.PipelineMetric;
import io.instflow.contract.MetricRecords;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's guarded Kafka sources and everything they, or the job's operators, set apart: one place
 * where the dead letters of every input meet, go to the job's dead-letter topic and are counted.
 */
public final class GuardedSources {

    private final StreamExecutionEnvironment env;
    private final KafkaConnectors kafka;
    private final List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();

    public GuardedSources(StreamExecutionEnvironment env, KafkaConnectors kafka) {
        this.env = env;
        this.kafka = kafka;
    }

    /**
     * The values of {@code type} on {@code topic} that {@code guard} accepts; the rest become dead
     * letters. Operator uids are {@code NAME-source} and {@code NAME-dead-letters}.
     */
    public <T extends SpecificRecordBase> SingleOutputStreamOperator<T> values(
            String topic,
            Class<T> type,
            ValueGuard<T> guard,
            WatermarkStrategy<T> watermarks,
            String name) {
        SingleOutputStreamOperator<T> values =
                env.fromSource(
                                kafka.guardedSource(topic, type, guard),
                                GuardedWatermarks.of(watermarks),
                                name)
                        .uid(kafka.deployment().uid(name + "-source"))
                        .process(new DeadLetterSplitter<>(), RecordTypes.of(type))
                        .uid(kafka.deployment().uid(name + "-dead-letters"))
                        .name(name + ": dead letters apart");
        deadLetters.add(values.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));
        return values;
    }

    /** Dead letters an operator sets apart after the sources (e.g. events that never resolve). */
    public void add(DataStream<DeadLetter> more) {
        deadLetters.add(more);
    }

    /**
     * Every dead letter to {@code topic}, and one {@code dead_letters} metric each (tagged with its
     * source topic and reason kind), returned for the job's metrics sink.
     */
    public DataStream<PipelineMetric> sinkDeadLetters(String topic, MetricRecords metrics) {
        if (deadLetters.isEmpty()) {
            throw new IllegalStateException("no guarded source was added before the dead letters");
        }
        DataStream<DeadLetter> all = deadLetters.get(0);
        for (DataStream<DeadLetter> more : deadLetters.subList(1, deadLetters.size())) {
            all = all.union(more);
        }
        all.sinkTo(kafka.deadLetterSink(topic))
                .uid(kafka.deployment().uid("dead-letter-sink"))
                .name("dead letters");
        return all.map(new DeadLetterMetrics(metrics), new AvroTypeInfo<>(PipelineMetric.class))
                .uid(kafka.deployment().uid("dead-letter-metrics"))
                .name("dead letters counted");
    }
}
