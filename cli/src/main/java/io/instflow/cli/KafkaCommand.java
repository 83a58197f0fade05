package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.contract.kafka.BrokerProbe;
import io.instflow.contract.kafka.KafkaUnavailableException;
import io.instflow.localkafka.LocalKafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code instflow kafka start|stop|status|topics|create-topics}: a local single-node KRaft broker,
 * no Docker needed.
 */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = "Run a local single-node Kafka broker (KRaft) from the Maven Central jars.",
        subcommands = {
            KafkaCommand.Start.class,
            KafkaCommand.Stop.class,
            KafkaCommand.Status.class,
            KafkaCommand.Topics.class,
            KafkaCommand.CreateTopics.class
        })
final class KafkaCommand {

    static final String DEFAULT_DIR = ".instflow/kafka";

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start the broker (formats DIR on first use).")
    static final class Start implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Data, config and log directory (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(
                names = "--port",
                defaultValue = "9092",
                description = "Client port (default: ${DEFAULT-VALUE}).")
        int port;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalKafka kafka = LocalKafka.in(dir, port).start(Duration.ofSeconds(120));
            out.printf(
                    Locale.ROOT,
                    "Kafka is running on %s (pid %d); data and broker.log in %s%n",
                    kafka.bootstrapServers(),
                    LocalKafka.runningBroker(dir).map(ProcessHandle::pid).orElse(-1L),
                    kafka.dir());
            out.printf(Locale.ROOT, "stop it with: instflow kafka stop --dir %s%n", dir);
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the broker started from DIR.")
    static final class Stop implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Directory given to start (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            boolean stopped = LocalKafka.stop(dir);
            spec.commandLine()
                    .getOut()
                    .println(stopped ? "Kafka stopped" : "no broker from " + dir + " is running");
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Whether the broker from DIR runs and is the one answering on its port.")
    static final class Status implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Directory given to start (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var broker = LocalKafka.runningBroker(dir);
            if (broker.isEmpty()) {
                out.println("not running (" + dir + ")");
                return 1;
            }
            String problem = LocalKafka.identityProblem(dir, java.time.Duration.ofSeconds(5));
            if (problem != null) {
                out.printf(
                        Locale.ROOT,
                        "not healthy: pid %d from %s is alive, but %s%n",
                        broker.get().pid(),
                        dir.toAbsolutePath(),
                        problem);
                return 1;
            }
            out.printf(
                    Locale.ROOT,
                    "running: pid %d, localhost:%d, cluster %s, %s%n",
                    broker.get().pid(),
                    LocalKafka.readPort(dir),
                    LocalKafka.clusterId(dir),
                    dir.toAbsolutePath());
            return 0;
        }
    }

    @Command(
            name = "topics",
            mixinStandardHelpOptions = true,
            description = "List topics with partitions and cleanup policy.")
    static final class Topics implements Callable<Integer> {

        /** How long each call waits for the broker's answer. */
        private static final long WAIT_SECONDS = 15;

        @Option(
                names = "--bootstrap",
                defaultValue = "localhost:9092",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            BrokerProbe.requireListening(bootstrap);
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    bootstrap,
                                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                    10_000,
                                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                    15_000))) {
                Set<String> names =
                        new TreeSet<>(
                                admin.listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS));
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names)
                                .allTopicNames()
                                .get(WAIT_SECONDS, TimeUnit.SECONDS);
                Map<ConfigResource, Config> configs =
                        admin.describeConfigs(
                                        names.stream()
                                                .map(
                                                        n ->
                                                                new ConfigResource(
                                                                        ConfigResource.Type.TOPIC,
                                                                        n))
                                                .toList())
                                .all()
                                .get(WAIT_SECONDS, TimeUnit.SECONDS);
                out.printf(
                        Locale.ROOT, "%-40s %10s  %s%n", "topic", "partitions", "cleanup.policy");
                for (String name : names) {
                    String policy =
                            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                                    .get("cleanup.policy")
                                    .value();
                    out.printf(
                            Locale.ROOT,
                            "%-40s %10d  %s%n",
                            name,
                            descriptions.get(name).partitions().size(),
                            policy);
                }
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                throw KafkaUnavailableException.at(
                        bootstrap, "list the topics on", e, WAIT_SECONDS);
            }
            return 0;
        }
    }

    @Command(
            name = "create-topics",
            mixinStandardHelpOptions = true,
            description =
                    "Create the topics of a deployment that are missing (existing ones are left as they are).")
    static final class CreateTopics implements Callable<Integer> {
        @picocli.CommandLine.Mixin TopicCreation creation;

        @Option(
                names = "--prefix",
                defaultValue = "",
                description = "Topic prefix, e.g. prod. or shadow. (default: none).")
        String prefix;

        @Option(
                names = "--set",
                required = true,
                split = ",",
                description =
                        "Which topics: input (market data, status, dead letters), ifd (the IFD job's outputs), "
                                + "comparison (the shadow comparison job's outputs), strategies (the strategies job's outputs);"
                                + " several separated by commas.")
        java.util.List<String> sets;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (String set : sets) {
                Topic.Set which =
                        switch (set) {
                            case "input" -> Topic.Set.INPUT;
                            case "ifd" -> Topic.Set.IFD;
                            case "comparison" -> Topic.Set.COMPARISON;
                            case "strategies" -> Topic.Set.STRATEGIES;
                            default ->
                                    throw new picocli.CommandLine.ParameterException(
                                            spec.commandLine(),
                                            "--set "
                                                    + set
                                                    + ": expected input, ifd, comparison or"
                                                    + " strategies");
                        };
                creation.create(new io.instflow.contract.Topics(prefix), which, out);
            }
            out.flush();
            return 0;
        }
    }
}
