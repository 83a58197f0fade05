package io.instflow.cli;

import io.instflow.ingest.FileReplay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code instflow connect file|live|historical}: a Databento source into Kafka. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description =
                "Publish market data to Kafka: MBO to md.glbx-mdp3.mbo, definitions to the compacted"
                        + " definitions topic, status events, undecodable input to md.deadletter.",
        subcommands = {
            ConnectFileCommand.class,
            ConnectLiveCommand.class,
            ConnectHistoricalCommand.class,
            ConnectBarchartCommand.class
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

    /**
     * A progress line on the terminal: records, rate, market time, the share of the files read and
     * the time left.
     */
    static final class Progress implements FileReplay.Progress {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private final long started = System.nanoTime();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(long records, long indexTs, double share, boolean done) {
            if (!terminal) {
                return;
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            err.print(
                    "\r"
                            + line(records, seconds, indexTs, done ? 1 : share)
                            + (done ? "\n" : "   "));
            err.flush();
        }

        /** The line after {@code seconds}, with {@code share} of the input read. */
        static String line(long records, double seconds, long indexTs, double share) {
            StringBuilder line =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "%,14d records  %,10.0f/s",
                                    records,
                                    records / seconds));
            if (indexTs != 0) {
                line.append("  market time ").append(Instant.ofEpochSecond(0, indexTs));
            }
            if (share > 0 && share <= 1) {
                line.append(String.format(Locale.ROOT, "  %d %%", Math.round(share * 100)));
                if (share < 1) {
                    line.append(", about ")
                            .append(JobProgress.duration(seconds * (1 - share) / share))
                            .append(" left");
                }
            }
            return line.toString();
        }
    }
}
