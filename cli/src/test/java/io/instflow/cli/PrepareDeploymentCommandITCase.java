package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.testing.KafkaBroker;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code instflow prepare-deployment}, the one JVM {@code scripts/submit} starts before it hands
 * jars to Flink: the deployment's topics exist afterwards, and its jobs' names are those of {@code
 * instflow name}.
 */
class PrepareDeploymentCommandITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private record Run(int exit, List<String> lines, String err) {}

    private static Run prepare(String... args) {
        return prepareOn(KAFKA.bootstrapServers(), args);
    }

    private static Run prepareOn(String bootstrap, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 3];
        command[0] = "prepare-deployment";
        command[1] = "--bootstrap";
        command[2] = bootstrap;
        System.arraycopy(args, 0, command, 3, args.length);
        int exit = InstflowCommand.run(new PrintWriter(out), new PrintWriter(err), command);
        return new Run(exit, out.toString().lines().toList(), err.toString());
    }

    private static String name(String... args) {
        StringWriter out = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "name";
        System.arraycopy(args, 0, command, 1, args.length);
        assertThat(
                        InstflowCommand.run(
                                new PrintWriter(out), new PrintWriter(new StringWriter()), command))
                .isZero();
        return out.toString().strip();
    }

    @Test
    void shouldCreateEveryTopicOfAShadowWithItsComparisonAndStrategiesOnceAndNameItsJobs()
            throws Exception {
        Run first =
                prepare(
                        "--profile",
                        "exploratory",
                        "--prefix",
                        "shadow.",
                        "--partitions",
                        "3",
                        "--comparison",
                        "--strategies");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.lines().stream().filter(l -> l.startsWith("job ")))
                .containsExactly(
                        "job ifd " + name("ifd", "exploratory", "shadow."),
                        "job comparison " + name("comparison", "shadow."),
                        "job strategies " + name("strategies", "shadow.", "shadow."));

        Set<String> expected = new java.util.TreeSet<>();
        Topics input = new Topics("");
        Topics shadow = new Topics("shadow.");
        Topic.writtenBy(Topic.Set.INPUT).forEach(t -> expected.add(input.name(t)));
        Topic.writtenBy(Topic.Set.IFD).forEach(t -> expected.add(shadow.name(t)));
        Topic.writtenBy(Topic.Set.COMPARISON).forEach(t -> expected.add(input.name(t)));
        Topic.writtenBy(Topic.Set.STRATEGIES).forEach(t -> expected.add(shadow.name(t)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(existing).containsAll(expected);
            assertThat(
                            admin.describeTopics(List.of(shadow.name(Topic.SIGNALS)))
                                    .allTopicNames()
                                    .get(30, TimeUnit.SECONDS)
                                    .get(shadow.name(Topic.SIGNALS))
                                    .partitions())
                    .hasSize(3);
        }
        assertThat(first.lines().stream().filter(l -> l.startsWith("created ")))
                .as("one line per topic created")
                .hasSize(expected.size());

        Run again = prepare("--profile", "exploratory", "--prefix", "shadow.", "--comparison");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.lines())
                .as("nothing left to create, the same names")
                .containsExactly(
                        "job ifd " + name("ifd", "exploratory", "shadow."),
                        "job comparison " + name("comparison", "shadow."));
    }

    @Test
    void shouldCreateTheSetsKafkaCreateTopicsIsGivenTheSameWay() throws Exception {
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        String[] command = {
            "kafka",
            "create-topics",
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--prefix",
            topics.prefix(),
            "--set",
            "strategies,comparison"
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(InstflowCommand.run(new PrintWriter(out), new PrintWriter(err), command))
                .as(err.toString())
                .isZero();
        Set<String> expected = new java.util.TreeSet<>();
        Topic.writtenBy(Topic.Set.STRATEGIES).forEach(t -> expected.add(topics.name(t)));
        Topic.writtenBy(Topic.Set.COMPARISON).forEach(t -> expected.add(topics.name(t)));
        assertThat(out.toString().lines().map(l -> l.replaceFirst("^created ", "")))
                .as("one line per topic, each created once")
                .containsExactlyInAnyOrderElementsOf(expected);

        StringWriter again = new StringWriter();
        assertThat(InstflowCommand.run(new PrintWriter(again), new PrintWriter(err), command))
                .isZero();
        assertThat(again.toString()).as("nothing left to create").isEmpty();
    }

    @Test
    void shouldStopNamingTheBrokerWhenItsAddressDoesNotResolveAndNameNoJob() {
        Run run = prepareOn("no-such-broker.invalid:9092", "--profile", "production");
        assertThat(run.exit()).as(run.err()).isEqualTo(InstflowCommand.EXIT_IO);
        assertThat(run.err())
                .contains("cannot connect to no-such-broker.invalid:9092")
                .contains("instflow kafka start")
                .doesNotContain("null");
        assertThat(run.lines())
                .as("scripts/submit submits no job")
                .noneMatch(l -> l.startsWith("job "));
    }
}
