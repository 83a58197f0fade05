package io.instflow.ifd;

import io.instflow.avro.Bar;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Rejection;
import io.instflow.avro.Signal;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.simulator.SimulationResult;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bounded runs of the IFD job against a real broker, for tests that compare what runs commit: a
 * session replayed into input topics, the job run over them, and its outputs read back with the
 * write-time stamps cleared, sorted, as text.
 */
record JobRuns(String bootstrap, SimulationResult session) {

    /** Creates the market-data topics and replays the session into them. */
    void replay(Topics input) {
        TopicAdmin.ensure(bootstrap, input, 2);
        List<Path> files = new ArrayList<>();
        files.add(session.definitions());
        session.days().forEach(d -> files.add(d.file()));
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, input, "GLBX.MDP3", KafkaPublisher.BULK)) {
            new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher);
        }
    }

    /**
     * Runs the job (testing profile, exactly-once, checkpoints every second) to the input's end.
     * The idle timeout is 1 ms: were idleness used in a bounded run, a partition whose reader
     * waited at all would be left behind by the other's event time, and the outputs would depend on
     * scheduling.
     *
     * @param hook applied to every MBO record first (a failure to inject), or null
     */
    void run(Topics input, Topics output, int parallelism, MapFunction<MboEvent, MboEvent> hook)
            throws Exception {
        TopicAdmin.ensure(bootstrap, output, Topic.Set.IFD, 2);
        IfdConfig config =
                new IfdConfig(
                        bootstrap,
                        input.prefix(),
                        output.prefix(),
                        DetectorParams.exploratory(),
                        5,
                        2000,
                        1,
                        1000,
                        true,
                        true);
        Configuration conf = IfdJob.environment(config);
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        IfdPipeline.wire(env, config, hook);
        env.execute("ifd-" + output.prefix());
    }

    /** Every committed output by topic, write-time stamps cleared, each record as text, sorted. */
    Map<String, List<String>> outputs(Topics output) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("signals", read(output.signals(), Signal.class, s -> s.setEmittedAt(0L)));
        all.put("rejections", read(output.rejections(), Rejection.class, r -> r.setEmittedAt(0L)));
        all.put("pressure", read(output.pressure(), PressureMetrics.class, p -> {}));
        all.put("bars.1m", read(output.bars(1), Bar.class, b -> {}));
        all.put("bars.5m", read(output.bars(5), Bar.class, b -> {}));
        return all;
    }

    private <T extends SpecificRecordBase> List<String> read(
            String topic, Class<T> type, Consumer<T> withoutStamps) {
        List<T> records = TopicScan.readAll(bootstrap, topic, type, Duration.ofMinutes(1));
        records.forEach(withoutStamps);
        return records.stream().map(Object::toString).sorted().toList();
    }
}
