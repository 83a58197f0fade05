package io.instflow.bench;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ifd.IfdConfig;
import io.instflow.ifd.IfdJob;
import io.instflow.ifd.IfdPipeline;
import io.instflow.ifd.JobArguments;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.localkafka.LocalKafka;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IFD job's keyed and operator state, measured from its checkpoints: for each number of
 * simulated days, the session is replayed through the job (heap backend, full snapshots, so a
 * checkpoint's size is the whole state) and the largest completed checkpoint is printed in total
 * and per operator chain, with the instruments the session defines. It also prints how long the
 * connector and the job took against the market time they replayed.
 *
 * <p>Usage: {@code bench/state-size.sh [days, e.g. 2,6] [minutes per day] [small|full universe]
 * [rth|globex session]}.
 */
public final class StateSize {

    public static void main(String[] args) throws Exception {
        List<Integer> daysList = new ArrayList<>();
        for (String d : (args.length > 0 ? args[0] : "2,6").split(",")) {
            daysList.add(Integer.parseInt(d));
        }
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        SimulatorConfig.Universe universe =
                SimulatorConfig.Universe.parse(args.length > 2 ? args[2] : "small");
        SimulatorConfig.Session session =
                SimulatorConfig.Session.parse(args.length > 3 ? args[3] : "rth");
        Path work = Files.createTempDirectory("instflow-state-bench-");
        LocalKafka kafka = LocalKafka.in(work.resolve("kafka"), 0).start(Duration.ofSeconds(120));
        try {
            for (int days : daysList) {
                measure(
                        kafka.bootstrapServers(),
                        work.resolve("days-" + days),
                        days,
                        minutes,
                        universe,
                        session);
            }
        } finally {
            kafka.stop();
            BenchDirs.delete(work);
        }
    }

    private static void measure(
            String bootstrap,
            Path dir,
            int days,
            int minutes,
            SimulatorConfig.Universe universe,
            SimulatorConfig.Session hours)
            throws Exception {
        long simulating = System.nanoTime();
        SimulationResult session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir.resolve("sim"))
                                        .warmupDays(days - 1)
                                        .days(1)
                                        .minutes(minutes)
                                        .seed(5)
                                        .universe(universe)
                                        .session(hours)
                                        .build())
                        .run(line -> {});
        System.out.printf(
                "%d simulated days of %d minutes (%s): simulated in %.0f s%n",
                days,
                minutes,
                hours.name().toLowerCase(Locale.ROOT),
                (System.nanoTime() - simulating) / 1e9);
        String prefix = "d" + days + ".";
        Topics input = new Topics(prefix + "in.");
        TopicAdmin.ensure(bootstrap, input, 1);
        TopicAdmin.ensure(bootstrap, new Topics(prefix), Topic.Set.IFD, 1);
        List<Path> files = new ArrayList<>();
        files.add(session.definitions());
        session.days().forEach(d -> files.add(d.file()));
        FileReplay.Result replayed;
        long publishing = System.nanoTime();
        try (KafkaPublisher publisher =
                new KafkaPublisher(bootstrap, input, "GLBX.MDP3", KafkaPublisher.BULK)) {
            replayed = new FileReplay(files, 0, FileReplay.Progress.NONE).run(publisher);
        }
        double connectorSeconds = (System.nanoTime() - publishing) / 1e9;
        IfdConfig job =
                BenchJobs.ifd(bootstrap, input.prefix(), prefix, "production", 1000, true, true);
        Configuration conf =
                JobArguments.checkpointsIn(IfdJob.environment(job), dir.resolve("checkpoints"));
        conf.setString("state.backend.type", "hashmap");
        conf.setString("execution.checkpointing.incremental", "false");
        conf.setString("web.checkpoints.history", "1000");
        MiniClusterConfiguration cluster =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(1)
                        .build();
        try (MiniCluster mini = new MiniCluster(cluster)) {
            mini.start();
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
            env.setParallelism(1);
            IfdPipeline.wire(env, job);
            long running = System.nanoTime();
            JobID id = mini.submitJob(env.getStreamGraph()).get().getJobID();
            mini.requestJobResult(id).get();
            double jobSeconds = (System.nanoTime() - running) / 1e9;
            double marketSeconds = days * minutes * 60.0;
            System.out.printf(
                    "  replayed by the connector in %.0f s and by the job in %.0f s (parallelism"
                            + " 1, heap): %.0f times the %.1f hours of market time, one after"
                            + " the other%n",
                    connectorSeconds,
                    jobSeconds,
                    marketSeconds / (connectorSeconds + jobSeconds),
                    marketSeconds / 3600);
            report(days, replayed, mini.getArchivedExecutionGraph(id).get());
        }
    }

    private static void report(int days, FileReplay.Result replayed, ArchivedExecutionGraph graph) {
        AbstractCheckpointStats largest = null;
        long longestMs = 0;
        for (AbstractCheckpointStats c :
                graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                longestMs = Math.max(longestMs, c.getEndToEndDuration());
                if (largest == null || c.getStateSize() > largest.getStateSize()) {
                    largest = c;
                }
            }
        }
        System.out.printf(
                "  %,d MBO records, %,d instrument definitions%n",
                replayed.mboRecords(), replayed.definitions());
        if (largest == null) {
            System.out.println("  no checkpoint completed: make the session longer");
            return;
        }
        System.out.printf(
                "  largest checkpoint (%d of %d): %,d bytes in all, %,.0f bytes per defined"
                        + " instrument, taken in %d ms; the longest checkpoint took %d ms%n",
                largest.getCheckpointId(),
                graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints(),
                largest.getStateSize(),
                largest.getStateSize() / (double) Math.max(1, replayed.definitions()),
                largest.getEndToEndDuration(),
                longestMs);
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            TaskStateStats task = largest.getTaskStateStats(vertex.getJobVertexId());
            if (task != null && task.getStateSize() > 0) {
                System.out.printf("    %,12d bytes  %s%n", task.getStateSize(), vertex.getName());
            }
        }
    }
}
