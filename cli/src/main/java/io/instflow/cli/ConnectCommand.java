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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code instflow connect file|live|historical}: a Databento source into Kafka. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description =
                "Publish market data to Kafka: MBO to md.glbx-mdp3.mbo, definitions to the compacted"
                        + " definitions topic, status events, undecodable input to md.deadletter.",
        subcommands = {
            ConnectCommand.File.class,
            ConnectCommand.Live.class,
            ConnectCommand.Historical.class,
            ConnectCommand.Barchart.class
        })
final class ConnectCommand {

    /** Options every source shares (a picocli mixin). */
    static final class KafkaOptions {
        @Option(
                names = "--bootstrap",
                defaultValue = "localhost:9092",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        @Option(
                names = "--topic-prefix",
                defaultValue = "",
                description = "Prefix of every topic, e.g. prod. (default: none).")
        String topicPrefix;

        @Option(
                names = "--partitions",
                defaultValue = "4",
                description = "Partitions of topics created here (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(
                names = "--dataset",
                defaultValue = "GLBX.MDP3",
                description = "Dataset (default: ${DEFAULT-VALUE}).")
        String dataset;
    }

    @Command(
            name = "file",
            mixinStandardHelpOptions = true,
            description =
                    "Replay DBN files (plain or .zst): definition files first, the rest merged by ts_recv.")
    static final class File implements Callable<Integer> {
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

        @picocli.CommandLine.Mixin KafkaOptions kafka;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            Topics topics = new Topics(kafka.topicPrefix);
            TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = new Progress(err);
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
                    "published %,d MBO records and %,d definitions to %s in %.1f s (%,.0f records/s)%n",
                    result.mboRecords(),
                    result.definitions(),
                    topics.mbo(),
                    seconds,
                    result.records() / seconds);
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

    /** Subscription options shared by live and historical. */
    static final class DataOptions {
        @Option(
                names = "--schema",
                split = ",",
                defaultValue = "mbo,definition",
                description = "Schemas, comma-separated (default: ${DEFAULT-VALUE}).")
        List<String> schemas;

        @Option(
                names = "--symbols",
                split = ",",
                required = true,
                description =
                        "Symbols, comma-separated, e.g. NQ.FUT,NQ.OPT,QN1.OPT or ALL_SYMBOLS.")
        List<String> symbols;

        @Option(
                names = "--stype-in",
                defaultValue = "parent",
                description =
                        "Symbology of --symbols: raw_symbol, parent, continuous, instrument_id (default: ${DEFAULT-VALUE}).")
        String stypeIn;

        /** Rejects schema and symbology names Databento does not know, listing the valid ones. */
        void validate() {
            io.instflow.dbn.SType.fromApiName(stypeIn);
            schemas.forEach(io.instflow.dbn.Schema::fromApiName);
        }
    }

    @Command(
            name = "live",
            mixinStandardHelpOptions = true,
            description =
                    "Stream Databento's live gateway into Kafka until interrupted; reconnects resume without loss"
                            + " or duplicates. The key comes from DATABENTO_API_KEY or a .env file.")
    static final class Live implements Callable<Integer> {
        @picocli.CommandLine.Mixin KafkaOptions kafka;

        @picocli.CommandLine.Mixin DataOptions data;

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
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(service::stop, "instflow-live-shutdown"));
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
                            "published %,d MBO records, %,d definitions%n",
                            counts.mboRecords(), counts.definitions());
            return 0;
        }
    }

    @Command(
            name = "barchart",
            mixinStandardHelpOptions = true,
            description =
                    "Poll Barchart's delayed NQ options chains and futures quotes into md.barchart.options and"
                            + " md.barchart.futures until interrupted: the degraded backup source, on its own. Opt-in; mind"
                            + " Barchart's terms of use (see the README).")
    static final class Barchart implements Callable<Integer> {
        @picocli.CommandLine.Mixin KafkaOptions kafka;

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
                        .printf("published %,d Barchart records%n", source.records());
            }
            return 0;
        }
    }

    @Command(
            name = "historical",
            mixinStandardHelpOptions = true,
            description =
                    "Fetch timeseries.get_range from Databento's historical API into Kafka, decoded as it streams."
                            + " The key comes from DATABENTO_API_KEY or a .env file.")
    static final class Historical implements Callable<Integer> {
        @picocli.CommandLine.Mixin KafkaOptions kafka;

        @picocli.CommandLine.Mixin DataOptions data;

        @Option(
                names = "--start",
                required = true,
                description = "Start: a date, an ISO datetime or ns since the epoch.")
        String start;

        @Option(names = "--end", description = "End (exclusive), same forms as --start.")
        String end;

        @Option(
                names = "--base-url",
                defaultValue = io.instflow.databento.HistoricalClient.DEFAULT_BASE_URL,
                description = "API base URL (default: ${DEFAULT-VALUE}).")
        String baseUrl;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            data.validate();
            io.instflow.databento.HistoricalClient client =
                    io.instflow.databento.HistoricalClient.create(
                            baseUrl, io.instflow.databento.ApiKey.require());
            Topics topics = new Topics(kafka.topicPrefix);
            TopicAdmin.ensure(kafka.bootstrap, topics, kafka.partitions);
            List<String> ordered = new java.util.ArrayList<>(data.schemas);
            ordered.sort(java.util.Comparator.comparing(s -> s.equals("definition") ? 0 : 1));
            try (KafkaPublisher publisher =
                    new KafkaPublisher(
                            kafka.bootstrap, topics, kafka.dataset, KafkaPublisher.BULK)) {
                for (String schema : ordered) {
                    io.instflow.databento.HistoricalRequest request =
                            new io.instflow.databento.HistoricalRequest(
                                    kafka.dataset,
                                    schema,
                                    data.symbols,
                                    data.stypeIn,
                                    start,
                                    end,
                                    null);
                    io.instflow.databento.HistoricalClient.Result result =
                            client.getRange(
                                    request,
                                    new io.instflow.ingest.MarketDataHandler(
                                            publisher, false, "databento-historical"));
                    publisher.flush();
                    spec.commandLine()
                            .getErr()
                            .printf("%s: %,d records%n", schema, result.records());
                }
                spec.commandLine()
                        .getOut()
                        .printf(
                                "published %,d MBO records, %,d definitions%n",
                                publisher.mboRecords(), publisher.definitions());
            } catch (io.instflow.databento.HistoricalApiException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return InstflowCommand.EXIT_IO;
            }
            return 0;
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
            err.printf(
                    "\r%,14d records  %,10.0f/s%s%s",
                    records, records / seconds, at, done ? "\n" : "   ");
            err.flush();
        }
    }
}
