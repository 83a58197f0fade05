package io.instflow.cli;

import io.instflow.contract.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(
        name = "live",
        mixinStandardHelpOptions = true,
        description =
                "Stream Databento's live gateway into Kafka until interrupted; reconnects resume without loss"
                        + " or duplicates. The key comes from DATABENTO_API_KEY or a .env file.")
final class ConnectLiveCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ConnectCommand.KafkaOptions kafka;

    @picocli.CommandLine.Mixin ConnectCommand.DataOptions data;

    @Option(
            names = "--gateway",
            paramLabel = "HOST:PORT",
            description = "Gateway (default: the dataset's, port 13000).")
    String gateway;

    @Option(
            names = "--start",
            paramLabel = "NS",
            description = "Intraday replay from this time (ns since the epoch, last 24 h).")
    Long start;

    @Option(
            names = "--snapshot",
            description = "Request an MBO book snapshot first (not with --start).")
    boolean snapshot;

    @Option(names = "--zstd", description = "Ask for a zstd-compressed stream.")
    boolean zstd;

    @Option(
            names = "--heartbeat",
            defaultValue = "30",
            description = "Heartbeat interval in seconds (default: ${DEFAULT-VALUE}).")
    int heartbeat;

    @Option(
            names = "--backup-barchart",
            split = ",",
            paramLabel = "SERIES",
            description =
                    "Fail over to Barchart's delayed chains of these series (e.g. MQ4M25,MC7M25) while Databento is"
                            + " down; opt-in, see the README's Barchart section.")
    java.util.List<String> backupSeries;

    @Option(
            names = "--backup-futures",
            split = ",",
            defaultValue = "",
            paramLabel = "SYMBOL",
            description = "Futures Barchart quotes during a failover, e.g. NQZ25.")
    java.util.List<String> backupFutures;

    @Option(
            names = "--backup-access",
            defaultValue = "website",
            description =
                    "How the backup reaches Barchart: website or ondemand (default: ${DEFAULT-VALUE}).")
    String backupAccess;

    @Option(
            names = "--grace",
            defaultValue = "45",
            paramLabel = "SECONDS",
            description =
                    "Seconds the primary must stay unhealthy before failing over (default: ${DEFAULT-VALUE}).")
    long grace;

    @Option(
            names = "--hold",
            defaultValue = "120",
            paramLabel = "SECONDS",
            description =
                    "Seconds the primary must stay healthy, replay complete, before failing back (default: ${DEFAULT-VALUE}).")
    long hold;

    @Option(
            names = "--window-minutes",
            defaultValue = "5",
            description =
                    "Detector window; switches apply from the next window boundary (default: ${DEFAULT-VALUE}).")
    int windowMinutes;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (gateway != null && !gateway.matches("[^:\\s]+:\\d{1,5}")) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--gateway must be HOST:PORT, got " + gateway);
        }
        io.instflow.ingest.ConnectorConfig config =
                new io.instflow.ingest.ConnectorConfig(
                        kafka.bootstrap,
                        kafka.topicPrefix,
                        kafka.partitions,
                        kafka.dataset,
                        data.schemas,
                        data.symbols,
                        data.stypeIn,
                        gateway,
                        start,
                        snapshot,
                        zstd,
                        heartbeat,
                        backupSeries == null ? List.of() : backupSeries,
                        backupFutures.stream().filter(f -> !f.isBlank()).toList(),
                        backupAccess,
                        grace,
                        hold,
                        windowMinutes);
        io.instflow.ingest.ConnectorService service =
                new io.instflow.ingest.ConnectorService(
                        config, io.instflow.databento.ApiKey.require());
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "instflow-live-shutdown"));
        spec.commandLine()
                .getErr()
                .println(
                        "streaming "
                                + data.schemas
                                + " "
                                + data.symbols
                                + " into "
                                + new Topics(kafka.topicPrefix).mbo()
                                + (config.hasBackup()
                                        ? ", Barchart backup armed for "
                                                + backupSeries
                                                + " (failover after "
                                                + grace
                                                + " s unhealthy, failback after "
                                                + hold
                                                + " s healthy)"
                                        : "")
                                + "; Ctrl-C stops");
        io.instflow.ingest.ConnectorService.Counts counts;
        try {
            counts = service.run();
        } catch (io.instflow.databento.GatewayException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return InstflowCommand.EXIT_IO;
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "published %,d MBO records, %,d definitions%n",
                        counts.mboRecords(),
                        counts.definitions());
        return 0;
    }
}
