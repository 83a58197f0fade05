package io.instflow.cli;

import io.instflow.dashboard.Dashboard;
import io.instflow.dashboard.feed.DatabentoHistory;
import io.instflow.databento.ApiKey;
import io.instflow.databento.HistoricalClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code instflow dashboard}: serves the live dashboard until Ctrl-C. */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description =
                "Serve the live dashboard: NQ 1- and 5-minute bars with signals, the pressure ladder and pipeline"
                        + " health, pushed to the browser. Reads bars.1m, bars.5m, ifd.signals, ifd.pressure, ifd.metrics"
                        + " and the feed status topic (read_committed).")
final class DashboardCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--port",
            defaultValue = "8050",
            description = "HTTP port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description =
                    "Address to listen on; 0.0.0.0 to serve other machines (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Prefix of the job's output topics, e.g. prod.")
    String topicPrefix;

    @Option(
            names = "--input-prefix",
            description = "Prefix of the feed status topic (default: the topic prefix).")
    String inputPrefix;

    @Option(
            names = "--history",
            defaultValue = "5000",
            paramLabel = "N",
            description = "Records read back per partition on start (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(
            names = "--stale-after",
            defaultValue = "90",
            paramLabel = "SECONDS",
            description =
                    "Silence on the topics after which the page says the data is stale (default: ${DEFAULT-VALUE}).")
    long staleAfterSeconds;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description =
                    "Bearer token every request must carry (header, ?token= or the page's cookie);"
                            + " required with a --host beyond loopback (default: INSTFLOW_DASHBOARD_TOKEN).")
    String token;

    @Option(
            names = "--no-fallback",
            description =
                    "Never fetch Databento's 1-minute bars of the front NQ future when the topics have nothing"
                            + " to show (by default they are fetched when DATABENTO_API_KEY is set).")
    boolean noFallback;

    @Option(
            names = "--databento-url",
            defaultValue = HistoricalClient.DEFAULT_BASE_URL,
            hidden = true)
    String databentoUrl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535 || history < 0 || staleAfterSeconds < 1) {
            err.println(
                    "error: --port must be 0-65535, --history at least 0 and --stale-after at least 1 second");
            return 1;
        }
        DatabentoHistory fallback;
        try {
            fallback =
                    noFallback
                            ? null
                            : ApiKey.findDefault()
                                    .map(
                                            key ->
                                                    DatabentoHistory.frontNq(
                                                            HistoricalClient.create(
                                                                    databentoUrl, key)))
                                    .orElse(null);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + " (or run with --no-fallback)");
            return 1;
        }
        Dashboard.Options options =
                new Dashboard.Options(
                        bootstrap,
                        host,
                        port,
                        topicPrefix,
                        inputPrefix == null ? topicPrefix : inputPrefix,
                        history,
                        Duration.ofSeconds(staleAfterSeconds),
                        100,
                        500,
                        token != null ? token : System.getenv("INSTFLOW_DASHBOARD_TOKEN"),
                        fallback);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard dashboard = Dashboard.start(options)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(stopped::countDown, "dashboard-shutdown"));
            out.println(
                    "Dashboard at "
                            + dashboard.url()
                            + " (Kafka "
                            + bootstrap
                            + ", topics "
                            + (topicPrefix.isEmpty() ? "without prefix" : "prefixed " + topicPrefix)
                            + ")"
                            + (options.token() != null ? "; open it with ?token=YOUR_TOKEN" : "")
                            + "; Ctrl-C stops it");
            out.flush();
            stopped.await();
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
