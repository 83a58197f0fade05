package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.ingest.KafkaPublisher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(
        name = "barchart",
        mixinStandardHelpOptions = true,
        description =
                "Poll Barchart's delayed NQ options chains and futures quotes into md.barchart.options and"
                        + " md.barchart.futures until interrupted: the degraded backup source, on its own. Opt-in; mind"
                        + " Barchart's terms of use (see the README).")
final class ConnectBarchartCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ConnectCommand.KafkaOptions kafka;

    @Option(
            names = "--series",
            split = ",",
            required = true,
            paramLabel = "CODE",
            description =
                    "Barchart series codes, e.g. MQ4M25,MC7M25 (see 'instflow barchart series').")
    java.util.List<String> series;

    @Option(
            names = "--futures",
            split = ",",
            defaultValue = "",
            paramLabel = "SYMBOL",
            description = "Futures to quote in one request per poll, e.g. NQU25,NQZ25.")
    java.util.List<String> futures;

    @Option(
            names = "--interval",
            defaultValue = "120",
            paramLabel = "SECONDS",
            description =
                    "Seconds between polls of one series; at least 60 (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(
            names = "--access",
            defaultValue = "website",
            description =
                    "website or ondemand (licensed; key in BARCHART_ONDEMAND_KEY) (default: ${DEFAULT-VALUE}).")
    String access;

    @Option(names = "--base-url", defaultValue = "https://www.barchart.com", hidden = true)
    java.net.URI baseUrl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 60) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--interval must be at least 60 s: Barchart's data are delayed about 10 minutes, faster polling"
                            + " adds nothing but load");
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        for (String code : series) {
            io.instflow.barchart.symbols.SeriesCode.parse(code, today);
        }
        Topics topics = new Topics(kafka.topicPrefix);
        TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
        java.util.List<String> quoted = futures.stream().filter(f -> !f.isBlank()).toList();
        try (KafkaPublisher publisher =
                new KafkaPublisher(kafka.bootstrap, topics, kafka.dataset, Map.of())) {
            var source =
                    new io.instflow.ingest.barchart.BarchartSource(
                            BarchartCommand.feed(access, baseUrl),
                            publisher,
                            topics,
                            new io.instflow.ingest.barchart.BarchartSource.Settings(
                                    series,
                                    quoted,
                                    java.time.Duration.ofSeconds(interval),
                                    java.time.Duration.ofSeconds(interval)),
                            java.time.Clock.systemUTC());
            java.util.concurrent.atomic.AtomicBoolean running =
                    new java.util.concurrent.atomic.AtomicBoolean(true);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> running.set(false), "instflow-barchart-shutdown"));
            spec.commandLine()
                    .getErr()
                    .println(
                            "polling Barchart "
                                    + series
                                    + (quoted.isEmpty() ? "" : " and " + quoted)
                                    + " every "
                                    + interval
                                    + " s into "
                                    + topics.barchartOptions()
                                    + "; Ctrl-C stops");
            source.run(running::get);
            spec.commandLine()
                    .getOut()
                    .printf(Locale.ROOT, "published %,d Barchart records%n", source.records());
        }
        return 0;
    }
}
