package io.instflow.cli;

import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;
import io.instflow.ingest.TopicAdmin;
import io.instflow.ingest.Topics;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instflow connect file|live|historical}: a Databento source into Kafka. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Publish market data to Kafka: MBO to md.glbx-mdp3.mbo, definitions to the compacted"
                + " definitions topic, status events, undecodable input to md.deadletter.",
        subcommands = {ConnectCommand.File.class})
final class ConnectCommand {

    /** Options every source shares (a picocli mixin). */
    static final class KafkaOptions {
        @Option(names = "--bootstrap", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic, e.g. prod. (default: none).")
        String topicPrefix;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions of topics created here (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--dataset", defaultValue = "GLBX.MDP3", description = "Dataset (default: ${DEFAULT-VALUE}).")
        String dataset;
    }

    @Command(name = "file", mixinStandardHelpOptions = true,
            description = "Replay DBN files (plain or .zst): definition files first, the rest merged by ts_recv.")
    static final class File implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "DBN files, e.g. a simulator directory's files.")
        List<Path> files;

        @Option(names = "--speed", defaultValue = "0", description = "Multiple of real time; 0 = as fast as possible (default).")
        double speed;

        @picocli.CommandLine.Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Topics topics = new Topics(kafka.topicPrefix);
            TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = new Progress(err);
            long started = System.nanoTime();
            FileReplay.Result result;
            try (KafkaPublisher publisher = new KafkaPublisher(kafka.bootstrap, topics, kafka.dataset, Map.of())) {
                result = new FileReplay(files, speed, progress).run(publisher);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("published %,d MBO records and %,d definitions to %s in %.1f s (%,.0f records/s)%n",
                    result.mboRecords(), result.definitions(), topics.mbo(), seconds, result.records() / seconds);
            if (!result.skipped().isEmpty()) {
                out.printf("not published (no topic carries these types): %s%n", result.skipped());
            }
            for (String failure : result.failures()) {
                err.println("error: " + failure);
            }
            out.flush();
            return result.failures().isEmpty() ? 0 : InstflowCommand.EXIT_BAD_INPUT;
        }
    }

    /** A progress line on the terminal: records, rate and market time. */
    static final class Progress implements FileReplay.Progress {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private final long started = System.nanoTime();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(long records, long indexTs, boolean done) {
            if (!terminal) {
                return;
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            String at = indexTs == 0 ? "" : "  market time " + Instant.ofEpochSecond(0, indexTs);
            err.printf("\r%,14d records  %,10.0f/s%s%s", records, records / seconds, at, done ? "\n" : "   ");
            err.flush();
        }
    }
}
