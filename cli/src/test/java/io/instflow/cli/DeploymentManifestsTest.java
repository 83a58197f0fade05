package io.instflow.cli;

import io.instflow.contract.Topics;
import io.instflow.ifd.IfdJob;
import io.instflow.shadow.ShadowJob;
import io.instflow.strategies.StrategiesJob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Dockerfiles and the Kubernetes manifests, parsed and checked against the
 * project itself: images pinned to the versions it builds against, jars and classes that exist, job
 * arguments the jobs' own parsers accept, every topic the project uses declared.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static String property(String name) throws IOException {
        Matcher m =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                        .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("root pom defines %s", name).isTrue();
        return m.group(1);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            ObjectMapper mapper = new ObjectMapper();
            var it = mapper.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static String[] args(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.asText()));
        return out.toArray(String[]::new);
    }

    @Test
    void shouldPinTheComposeImagesAndRunArgumentsTheJobsAccept() throws Exception {
        String flink = property("flink.version");
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .contains(
                        "kafka",
                        "jobmanager",
                        "taskmanager",
                        "connector",
                        "ifd-production",
                        "ifd-shadow",
                        "shadow-compare",
                        "dashboard");
        picocli.CommandLine.ParseResult dashboard =
                new picocli.CommandLine(new InstflowCommand())
                        .parseArgs(args(services.path("dashboard").path("command")))
                        .subcommand();
        assertThat(dashboard.commandSpec().name()).isEqualTo("dashboard");
        assertThat(dashboard.matchedOptionValue("--host", ""))
                .as("served beyond the container")
                .isEqualTo("0.0.0.0");
        assertThat(dashboard.matchedOptionValue("--bootstrap", "")).isEqualTo("kafka:9092");
        JsonNode k8s = documents(ROOT.resolve("deploy/k8s/dashboard.yaml")).get(0);
        JsonNode container = k8s.at("/spec/template/spec/containers/0");
        picocli.CommandLine.ParseResult inCluster =
                new picocli.CommandLine(new InstflowCommand())
                        .parseArgs(args(container.path("args")))
                        .subcommand();
        assertThat(inCluster.commandSpec().name()).isEqualTo("dashboard");
        assertThat(container.at("/readinessProbe/httpGet/port").asInt())
                .isEqualTo(inCluster.matchedOptionValue("--port", 0));
        assertThat(services.path("kafka").path("image").asText())
                .isEqualTo("apache/kafka:" + property("kafka.version"));
        assertThat(services.path("jobmanager").path("image").asText())
                .isEqualTo("flink:" + flink + "-java17");
        assertThat(services.path("taskmanager").path("image").asText())
                .isEqualTo("flink:" + flink + "-java17");
        for (String name : names) {
            JsonNode s = services.path(name);
            assertThat(s.path("image").asText())
                    .as("%s has a pinned image", name)
                    .matches("[a-z/]+:[0-9][\\w.-]*");
            s.path("depends_on")
                    .fieldNames()
                    .forEachRemaining(
                            d -> assertThat(names).as("%s depends on %s", name, d).contains(d));
            if (s.has("build")) {
                assertThat(ROOT.resolve(s.path("build").path("dockerfile").asText())).exists();
            }
        }
        assertThat(
                        services.path("jobmanager")
                                .path("environment")
                                .path("FLINK_PROPERTIES")
                                .asText())
                .contains("state.backend.type: rocksdb")
                .contains("execution.checkpointing.savepoint-dir");

        String jobs = Files.readString(ROOT.resolve("deploy/docker/job.Dockerfile"));
        for (String job : List.of("ifd-production", "ifd-shadow", "shadow-compare")) {
            String[] command = args(services.path(job).path("command"));
            assertThat(command[0] + " " + command[1]).isEqualTo("flink run");
            String jar = command[5];
            assertThat(jobs).as("the image holds %s", jar).contains(jar);
            String[] jobArgs = java.util.Arrays.copyOfRange(command, 6, command.length);
            if (jar.contains("shadow")) {
                assertThat(ShadowJob.parse(jobArgs).shadowPrefix()).isEqualTo("shadow.");
            } else {
                assertThat(IfdJob.parse(jobArgs).bootstrap()).isEqualTo("kafka:9092");
            }
        }
    }

    @Test
    void shouldBuildTheImagesFromPinnedBasesAndTheProjectsOwnJars() throws Exception {
        String version = property("flink.version");
        String project =
                Pattern.compile(
                                "<artifactId>instflow-parent</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(Files.readString(ROOT.resolve("pom.xml")))
                        .results()
                        .findFirst()
                        .orElseThrow()
                        .group(1);
        String jobs = Files.readString(ROOT.resolve("deploy/docker/job.Dockerfile"));
        assertThat(jobs)
                .contains("FROM flink:" + version + "-java17")
                .contains("jobs/ifd/target/instflow-ifd-" + project + "-job.jar")
                .contains("jobs/shadow/target/instflow-shadow-" + project + "-job.jar");
        assertThat(Files.readString(ROOT.resolve("deploy/docker/cli.Dockerfile")))
                .contains("FROM eclipse-temurin:17-jre")
                .contains("cli/target/instflow-cli.jar");
        assertThat(Files.readString(ROOT.resolve("deploy/docker/connector.Dockerfile")))
                .contains("FROM eclipse-temurin:17-jre")
                .contains("connectors/ingest/target/instflow-connector.jar")
                .doesNotContain("instflow-cli.jar");
    }

    @Test
    void shouldRunTheConnectorServiceFromSettingsItAccepts() throws Exception {
        Map<String, String> none = Map.of();
        io.instflow.ingest.ConnectorConfig bundled =
                io.instflow.ingest.ConnectorConfig.load(
                        ROOT.resolve("deploy/connector.properties"), none);
        assertThat(bundled.symbols()).contains("NQ.OPT");
        JsonNode services =
                YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
        assertThat(services.path("connector").path("image").asText())
                .isEqualTo("instflow/connector:0.1.0");
        assertThat(services.path("connector").has("command"))
                .as("the image's entry point runs the service")
                .isFalse();
        List<JsonNode> k8s = documents(ROOT.resolve("deploy/k8s/connector.yaml"));
        Path settings = Files.createTempFile("connector", ".properties");
        try {
            Files.writeString(settings, k8s.get(0).at("/data/connector.properties").asText());
            assertThat(io.instflow.ingest.ConnectorConfig.load(settings, none).bootstrap())
                    .isEqualTo("instflow-kafka-bootstrap:9092");
        } finally {
            Files.delete(settings);
        }
        assertThat(k8s.get(1).at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("instflow/connector:0.1.0");
    }

    @Test
    void shouldDeclareFlinkDeploymentsAndKafkaTheOperatorsAccept() throws Exception {
        String flink = property("flink.version");
        String[] parts = flink.split("\\.");
        String jobs = Files.readString(ROOT.resolve("deploy/docker/job.Dockerfile"));
        List<JsonNode> deployments =
                new ArrayList<>(documents(ROOT.resolve("deploy/k8s/flink-production.yaml")));
        deployments.addAll(documents(ROOT.resolve("deploy/k8s/flink-shadow.yaml")));
        deployments.addAll(documents(ROOT.resolve("deploy/k8s/flink-strategies.yaml")));
        assertThat(deployments)
                .extracting(d -> d.path("metadata").path("name").asText())
                .containsExactly(
                        "ifd-production",
                        "ifd-shadow",
                        "shadow-compare",
                        "strategies",
                        "strategies-shadow");
        for (JsonNode d : deployments) {
            String name = d.path("metadata").path("name").asText();
            assertThat(d.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
            assertThat(d.path("kind").asText()).isEqualTo("FlinkDeployment");
            JsonNode spec = d.path("spec");
            assertThat(spec.path("flinkVersion").asText())
                    .isEqualTo("v" + parts[0] + "_" + parts[1]);
            assertThat(spec.path("image").asText()).isNotBlank();
            JsonNode conf = spec.path("flinkConfiguration");
            assertThat(conf.path("state.backend.type").asText()).as(name).isEqualTo("rocksdb");
            assertThat(conf.path("execution.checkpointing.dir").asText())
                    .as(name)
                    .startsWith("s3://");
            assertThat(conf.path("execution.checkpointing.savepoint-dir").asText())
                    .as(name)
                    .startsWith("s3://");
            assertThat(conf.path("high-availability.type").asText())
                    .as(name)
                    .isEqualTo("kubernetes");
            JsonNode job = spec.path("job");
            assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
            String jar = job.path("jarURI").asText().replace("local://", "");
            assertThat(jobs).as("%s: the image holds %s", name, jar).contains(jar);
            Class<?> entry = Class.forName(job.path("entryClass").asText());
            assertThat(entry.getMethod("main", String[].class)).isNotNull();
            if (entry == ShadowJob.class) {
                assertThat(ShadowJob.parse(args(job.path("args"))).shadowPrefix())
                        .isEqualTo("shadow.");
            } else if (entry == StrategiesJob.class) {
                assertThat(StrategiesJob.parse(args(job.path("args"))).deployment().name())
                        .as("the deployment's name is the job's")
                        .isEqualTo(name);
            } else {
                assertThat(IfdJob.parse(args(job.path("args"))).params().profile())
                        .isIn("production", "exploratory");
            }
        }
    }

    @Test
    void shouldDeclareEveryTopicTheProjectUses() throws Exception {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/kafka.yaml"));
        JsonNode kafka =
                docs.stream()
                        .filter(d -> d.path("kind").asText().equals("Kafka"))
                        .findFirst()
                        .orElseThrow();
        assertThat(kafka.path("spec").path("kafka").path("version").asText())
                .isEqualTo(property("kafka.version"));
        Set<String> declared = new HashSet<>();
        for (JsonNode d : docs) {
            if (d.path("kind").asText().equals("KafkaTopic")) {
                assertThat(d.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .isEqualTo(kafka.path("metadata").path("name").asText());
                assertThat(d.path("spec").path("partitions").asInt()).isPositive();
                declared.add(d.path("metadata").path("name").asText());
            }
        }
        Topics input = new Topics("");
        List<String> used = new ArrayList<>(input.writtenBy(io.instflow.contract.Topic.Set.INPUT));
        used.addAll(input.writtenBy(io.instflow.contract.Topic.Set.COMPARISON));
        for (String prefix : List.of("", "shadow.")) {
            used.addAll(new Topics(prefix).writtenBy(io.instflow.contract.Topic.Set.IFD));
            used.addAll(new Topics(prefix).writtenBy(io.instflow.contract.Topic.Set.STRATEGIES));
        }
        assertThat(declared).containsAll(used);
        JsonNode definitions =
                docs.stream()
                        .filter(
                                d ->
                                        d.path("metadata")
                                                .path("name")
                                                .asText()
                                                .equals(input.definitions()))
                        .findFirst()
                        .orElseThrow();
        assertThat(definitions.path("spec").path("config").path("cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(
                        docs.stream()
                                .filter(d -> d.path("kind").asText().equals("KafkaNodePool"))
                                .count())
                .isOne();
        assertThat(docs)
                .allSatisfy(
                        d ->
                                assertThat(d.path("apiVersion").asText())
                                        .isEqualTo("kafka.strimzi.io/v1beta2"));
    }
}
