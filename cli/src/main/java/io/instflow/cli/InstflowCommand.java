package io.instflow.cli;

import io.instflow.dbn.DbnFormatException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The {@code instflow} command: entry point and error reporting shared by every subcommand. */
@Command(
        name = "instflow",
        mixinStandardHelpOptions = true,
        versionProvider = InstflowCommand.Version.class,
        description = "Institutional order-flow detection for CME NQ futures and options.",
        subcommands = {
            DbnCommand.class,
            BookCommand.class,
            SimulateCommand.class,
            KafkaCommand.class,
            ConnectCommand.class,
            NameCommand.class,
            PrepareDeploymentCommand.class,
            ConsumeCommand.class,
            PipelineCommand.class,
            EvaluateCommand.class,
            ShadowCommand.class,
            ReportCommand.class,
            BarsCommand.class,
            ValidateCommand.class,
            DashboardCommand.class,
            BarchartCommand.class,
            BackfillCommand.class,
            AlertCommand.class,
            CacheCommand.class,
            CommandLine.HelpCommand.class
        })
public final class InstflowCommand {

    /** Exit code for bad input data (not DBN, corrupt, truncated). */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit code for I/O failures (missing file, unreadable). */
    public static final int EXIT_IO = 3;

    public static void main(String[] args) {
        PrintWriter out =
                new PrintWriter(
                        new java.io.BufferedWriter(
                                new java.io.OutputStreamWriter(
                                        System.out, java.nio.charset.StandardCharsets.UTF_8),
                                64 * 1024));
        int code = run(out, new PrintWriter(System.err, true), args);
        out.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new InstflowCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof DbnFormatException) {
                        err.println("error: " + e.getMessage());
                        return EXIT_BAD_INPUT;
                    }
                    if (e instanceof UncheckedIOException) {
                        err.println("error: " + e.getMessage());
                        return EXIT_IO;
                    }
                    if (e instanceof io.instflow.contract.kafka.KafkaUnavailableException
                            || e instanceof io.instflow.databento.GatewayException
                            || e instanceof io.instflow.databento.HistoricalApiException
                            || e instanceof IllegalStateException) {
                        err.println("error: " + e.getMessage());
                        return EXIT_IO;
                    }
                    if (e instanceof IllegalArgumentException) {
                        err.println("error: " + e.getMessage());
                        return CommandLine.ExitCode.USAGE;
                    }
                    if (System.getenv("INSTFLOW_DEBUG") != null) {
                        throw e;
                    }
                    err.println(
                            "error: "
                                    + describe(e)
                                    + " (set INSTFLOW_DEBUG=1 for the stack trace)");
                    return CommandLine.ExitCode.SOFTWARE;
                });
        return cli.execute(args);
    }

    /** The message chain of an unexpected failure, outermost first. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : ": ")
                    .append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return sb.toString();
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InstflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"instflow " + (v == null ? "development" : v)};
        }
    }
}
