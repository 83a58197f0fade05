package io.instflow.ingest;

import io.instflow.barchart.client.BarchartFeeds;
import io.instflow.barchart.symbols.SeriesCode;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.databento.ApiKey;
import io.instflow.databento.GatewayException;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.Subscription;
import io.instflow.dbn.SType;
import io.instflow.dbn.Schema;
import io.instflow.ingest.barchart.BarchartSource;
import io.instflow.ingest.failover.FailoverPolicy;
import io.instflow.ingest.failover.FailoverService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The production connector: Databento's live gateway into Kafka, with Barchart's delayed chains as
 * the backup while Databento is down when the configuration names backup series. What {@code docker
 * compose} and Kubernetes run ({@code java -jar instflow-connector.jar --config FILE}), and what
 * {@code instflow connect live} runs from its options. No Flink, no broker inside.
 */
public final class ConnectorService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

    /** Exit status for a bad configuration or key. */
    public static final int EXIT_CONFIG = 2;

    /** Exit status when the gateway refused or failed the session. */
    public static final int EXIT_GATEWAY = 3;

    private final ConnectorConfig config;
    private final LiveClientConfig live;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile LiveSource source;

    /**
     * @throws IllegalArgumentException when a schema, symbology or backup series is not valid
     */
    public ConnectorService(ConnectorConfig config, ApiKey key) {
        this.config = config;
        SType.fromApiName(config.stypeIn());
        config.schemas().forEach(Schema::fromApiName);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        config.backupSeries().forEach(code -> SeriesCode.parse(code, today));
        this.live = liveConfig(config, key);
    }

    private static LiveClientConfig liveConfig(ConnectorConfig config, ApiKey key) {
        LiveClientConfig.Builder b =
                LiveClientConfig.builder(key)
                        .dataset(config.dataset())
                        .zstd(config.zstd())
                        .heartbeatInterval(Duration.ofSeconds(config.heartbeatSeconds()));
        if (config.gateway() != null) {
            int colon = config.gateway().lastIndexOf(':');
            b.gateway(
                    config.gateway().substring(0, colon),
                    Integer.parseInt(config.gateway().substring(colon + 1)));
        }
        for (String schema : config.schemas()) {
            b.subscribe(
                    new Subscription(
                            schema,
                            config.stypeIn(),
                            config.symbols(),
                            config.snapshot() && schema.equals("mbo"),
                            config.start()));
        }
        return b.build();
    }

    /**
     * Streams until {@link #stop()} or a fatal gateway error; creates the market-data topics first.
     *
     * @return the publisher's counts when it stopped
     * @throws GatewayException when the gateway refused the session or failed for good
     */
    public Counts run() throws InterruptedException {
        Topics topics = new Topics(config.topicPrefix());
        TopicAdmin.ensure(config.bootstrap(), topics, config.partitions());
        try (KafkaPublisher publisher =
                new KafkaPublisher(
                        config.bootstrap(), topics, config.dataset(), java.util.Map.of())) {
            source = new LiveSource(live, publisher);
            LOG.info(
                    "streaming {} {} from {} into {}",
                    config.schemas(),
                    config.symbols(),
                    config.dataset(),
                    topics.mbo());
            if (config.hasBackup()) {
                failover(source, publisher, topics).run(running::get);
            } else if (running.get()) {
                source.run();
            }
            return new Counts(publisher.mboRecords(), publisher.definitions());
        }
    }

    /** Stops streaming; {@link #run()} returns once what was received is published. */
    public void stop() {
        running.set(false);
        LiveSource s = source;
        if (s != null) {
            s.stop();
        }
    }

    /** What was published. */
    public record Counts(long mboRecords, long definitions) {}

    private FailoverService failover(LiveSource primary, KafkaPublisher publisher, Topics topics) {
        BarchartSource backup =
                new BarchartSource(
                        BarchartFeeds.of(config.backupAccess(), BarchartFeeds.WEBSITE),
                        publisher,
                        topics,
                        new BarchartSource.Settings(
                                config.backupSeries(),
                                config.backupFutures(),
                                Duration.ofSeconds(120),
                                Duration.ofSeconds(60)),
                        Clock.systemUTC());
        FailoverPolicy policy =
                new FailoverPolicy(
                        Duration.ofSeconds(config.heartbeatSeconds()).plusSeconds(10),
                        Duration.ofSeconds(config.graceSeconds()),
                        Duration.ofSeconds(config.holdSeconds()),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(config.windowMinutes()));
        LOG.info(
                "Barchart backup armed for {}: failover after {} s of an unhealthy primary, failback after {} s healthy",
                config.backupSeries(),
                config.graceSeconds(),
                config.holdSeconds());
        return new FailoverService(primary, backup, publisher, policy, Clock.systemUTC());
    }

    /** {@code --config FILE}: runs until the process is stopped (SIGTERM drains and exits 0). */
    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--config")) {
            err.println(
                    "usage: java -jar instflow-connector.jar --config FILE\n"
                            + "  FILE: connector properties (see deploy/connector.properties); DATABENTO_API_KEY in the environment");
            return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))
                    ? 0
                    : EXIT_CONFIG;
        }
        ConnectorService service;
        try {
            service =
                    new ConnectorService(
                            ConnectorConfig.load(Path.of(args[1]), System.getenv()),
                            ApiKey.require());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(service::stop, "instflow-connector-shutdown"));
        try {
            Counts counts = service.run();
            LOG.info(
                    "stopped: published {} MBO records and {} definitions",
                    counts.mboRecords(),
                    counts.definitions());
            return 0;
        } catch (GatewayException e) {
            err.println("error: " + e.getMessage());
            return EXIT_GATEWAY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
