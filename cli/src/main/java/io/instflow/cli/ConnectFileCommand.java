package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ingest.FileReplay;
import io.instflow.ingest.KafkaPublisher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(
        name = "file",
        mixinStandardHelpOptions = true,
        description =
                "Replay DBN files (plain or .zst): definition files first, the rest merged by ts_recv.")
final class ConnectFileCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "DBN files, e.g. a simulator directory's files.")
    List<Path> files;

    @Option(
            names = "--speed",
            defaultValue = "0",
            description = "Multiple of real time; 0 = as fast as possible (default).")
    double speed;

    @picocli.CommandLine.Mixin ConnectCommand.KafkaOptions kafka;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Topics topics = new Topics(kafka.topicPrefix);
        TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
        PrintWriter err = spec.commandLine().getErr();
        ConnectCommand.Progress progress = new ConnectCommand.Progress(err);
        long started = System.nanoTime();
        FileReplay.Result result;
        try (KafkaPublisher publisher =
                new KafkaPublisher(
                        kafka.bootstrap,
                        topics,
                        kafka.dataset,
                        speed == 0 ? KafkaPublisher.BULK : Map.of())) {
            result = new FileReplay(files, speed, progress).run(publisher);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "published %,d MBO records and %,d definitions to %s in %.1f s (%,.0f records/s)%n",
                result.mboRecords(),
                result.definitions(),
                topics.mbo(),
                seconds,
                result.records() / seconds);
        if (!result.skipped().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "not published (no topic carries these types): %s%n",
                    result.skipped());
        }
        for (String failure : result.failures()) {
            err.println("error: " + failure);
        }
        out.flush();
        return result.failures().isEmpty() ? 0 : InstflowCommand.EXIT_BAD_INPUT;
    }
}
