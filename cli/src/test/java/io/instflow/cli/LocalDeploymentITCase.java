package io.instflow.cli;

import io.instflow.avro.Signal;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.Await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path from laptop to cluster, as an operator walks it: {@code deploy/local/up} starts a real
 * Kafka and a real Flink standalone session cluster, {@code scripts/submit} submits production and
 * a shadow of the same profile, the connector replays a simulated session, production is upgraded
 * from a savepoint half way while the shadow runs on uninterrupted, and {@code deploy/local/down}
 * leaves no process behind.
 */
@Timeout(1500)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDeploymentITCase {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir static Path tmp;

    static Path dir;
    static String bootstrap;
    static int webPort;

    @BeforeAll
    static void up() throws Exception {
        dir = tmp.resolve("local");
        int kafkaPort = freePort();
        webPort = freePort();
        bootstrap = "localhost:" + kafkaPort;
        run(
                "deploy/local/up",
                "--dir",
                dir.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--web-port",
                Integer.toString(webPort),
                "--rpc-port",
                Integer.toString(freePort()),
                "--slots",
                "8");
    }

    @AfterAll
    static void down() throws Exception {
        run("deploy/local/down", "--dir", dir.toString());
        for (String name : List.of("jobmanager", "taskmanager")) {
            assertThat(Files.exists(dir.resolve(name + ".pid")))
                    .as(name + " pid file removed")
                    .isFalse();
        }
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(
                                        p ->
                                                p.info()
                                                        .commandLine()
                                                        .orElse("")
                                                        .contains(dir.toString())))
                .as("no process of the deployment is left")
                .isEmpty();
    }

    @Test
    @Order(1)
    void shouldRunProductionAndShadowOnTheClusterAndResumeFromASavepointWithoutLossOrDuplicates()
            throws Exception {
        Path sim = tmp.resolve("sim");
        run(
                "scripts/instflow",
                "simulate",
                "--out",
                sim.toString(),
                "--days",
                "2",
                "--minutes",
                "20",
                "--seed",
                "9");
        List<Path> days;
        try (var files = Files.list(sim)) {
            days =
                    files.filter(f -> f.getFileName().toString().startsWith("mbo-"))
                            .sorted()
                            .toList();
        }
        submit("--profile", "exploratory");
        submit("--profile", "exploratory", "--shadow");
        Result twice = execute(submitCommand("--profile", "exploratory", "--shadow"));
        assertThat(twice.exit()).as(twice.output()).isEqualTo(1);
        assertThat(twice.output())
                .contains("job ifd-exploratory-shadow is already running")
                .doesNotContain("-> submitting");

        replay(sim.resolve("definitions.dbn.zst"), days.get(0));
        List<String> firstDay = awaitSignals("ifd-exploratory", "ifd.signals", 1);

        submit("--profile", "exploratory", "--savepoint");
        replay(sim.resolve("definitions.dbn.zst"), days.get(1));
        List<String> production =
                awaitSignals("ifd-exploratory", "ifd.signals", firstDay.size() + 1);
        List<String> shadow =
                awaitSignals("ifd-exploratory-shadow", "shadow.ifd.signals", production.size());

        assertThat(new HashSet<>(production))
                .as("no duplicates across the upgrade")
                .hasSize(production.size());
        assertThat(production)
                .as(
                        "the upgraded deployment committed what the uninterrupted shadow of the"
                                + " same profile did")
                .containsExactlyInAnyOrderElementsOf(shadow);
        assertThat(production).containsAll(firstDay);
        assertThat(TopicScan.records(bootstrap, "shadow.comparison", Duration.ofSeconds(30)))
                .as("comparison rows")
                .isNotEmpty();
    }

    @Test
    @Order(2)
    void shouldReportAHealthyDeploymentAndEachBrokenPartAsWhatItIs() throws Exception {
        Result healthy = validate();
        assertThat(healthy.exit()).as(healthy.output()).isZero();
        assertThat(healthy.output())
                .contains("ready: every check passed")
                .contains("ifd-exploratory-shadow: 0 records behind");

        assertDashboardFindsTheDeployment();

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of("shadow.bars.5m")).all().get();
        }
        Result missingTopic = validate();
        assertThat(missingTopic.exit()).isEqualTo(1);
        assertThat(missingTopic.output()).containsPattern("topics +FAIL +missing: shadow.bars.5m");

        String shadowJob = jobId("ifd-exploratory-shadow");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + webPort
                                                        + "/jobs/"
                                                        + shadowJob
                                                        + "?mode=cancel"))
                                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Await.until(
                () -> jobState(shadowJob).equals("CANCELED"),
                Duration.ofMinutes(1),
                "the shadow job cancelled");
        Result cancelled = validate();
        assertThat(cancelled.exit()).isEqualTo(1);
        assertThat(cancelled.output())
                .containsPattern("jobs +FAIL +ifd-exploratory-shadow is CANCELED");

        run("scripts/instflow", "kafka", "stop", "--dir", dir.resolve("kafka").toString());
        Result noBroker = validate();
        assertThat(noBroker.exit()).isEqualTo(1);
        assertThat(noBroker.output())
                .containsPattern("kafka +FAIL +cannot reach Kafka at " + bootstrap)
                .contains("nothing listens at " + bootstrap + " (connection refused)");
    }

    /**
     * {@code scripts/start-dashboard} without a broker named finds the deployment's, and its page
     * has read the topics' history.
     */
    private static void assertDashboardFindsTheDeployment() throws Exception {
        Path log = Files.createTempFile(tmp, "dashboard-", ".log");
        Process p =
                new ProcessBuilder(
                                "scripts/start-dashboard", "--dir", dir.toString(), "--port", "0")
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            Pattern url = Pattern.compile("Dashboard at (http://\\S+/)");
            Await.until(
                    () -> url.matcher(text(log)).find() || !p.isAlive(),
                    Duration.ofMinutes(2),
                    "the dashboard's address");
            String output = text(log);
            assertThat(output).contains("the local deployment's Kafka at " + bootstrap);
            Matcher address = url.matcher(output);
            assertThat(address.find()).as(output).isTrue();
            URI health = URI.create(address.group(1) + "api/health");
            Await.until(
                    () -> text(health).contains("\"historyLoaded\":true"),
                    Duration.ofSeconds(30),
                    "the dashboard reading the deployment's topics");
            assertThat(text(health)).contains("\"kafkaProblem\":null");
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the dashboard stops").isTrue();
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(URI uri) {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exit, String output) {}

    private static Result validate() throws Exception {
        return execute(
                "scripts/validate",
                "--bootstrap",
                bootstrap,
                "--flink-url",
                "http://localhost:" + webPort,
                "--deployment",
                "exploratory",
                "--deployment",
                "exploratory:shadow.",
                "--comparison",
                "shadow.",
                "--partitions",
                "2");
    }

    private static String jobId(String name) {
        JsonNode overview = flinkRest("/jobs/overview");
        for (var job : overview.path("jobs")) {
            if (job.path("name").asText().equals(name)
                    && job.path("state").asText().equals("RUNNING")) {
                return job.path("jid").asText();
            }
        }
        throw new AssertionError("no running job " + name + " in " + overview);
    }

    /** The job's state as Flink's REST API reports it, e.g. RUNNING or CANCELED. */
    private static String jobState(String jobId) {
        return flinkRest("/jobs/" + jobId).path("state").asText();
    }

    /** The cluster's REST answer at {@code path}. */
    private static JsonNode flinkRest(String path) {
        try {
            return new ObjectMapper()
                    .readTree(text(URI.create("http://localhost:" + webPort + path)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void submit(String... args) throws Exception {
        run(submitCommand(args));
    }

    private static String[] submitCommand(String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "scripts/submit",
                                "--dir",
                                dir.toString(),
                                "--bootstrap",
                                bootstrap));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private static void replay(Path definitions, Path day) throws Exception {
        run(
                "scripts/instflow",
                "connect",
                "file",
                "--bootstrap",
                bootstrap,
                definitions.toString(),
                day.toString());
    }

    /**
     * The topic's signal ids once {@code job} has read all of its input (its committed offsets,
     * which Flink commits when a checkpoint completes, are at the input's end) and two reads a
     * checkpoint interval apart agree with at least {@code atLeast} ids.
     */
    private static List<String> awaitSignals(String job, String topic, int atLeast)
            throws Exception {
        Await.until(() -> behind(job) == 0, Duration.ofMinutes(6), job + " read all its input");
        AvroSerde<Signal> serde = AvroSerde.of(Signal.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<String> previous = List.of();
        while (System.nanoTime() < deadline) {
            List<String> ids = new ArrayList<>();
            TopicScan.records(bootstrap, topic, Duration.ofSeconds(30))
                    .forEach(r -> ids.add(serde.deserialize(r.value()).getSignalId()));
            if (ids.size() >= atLeast && ids.size() == previous.size()) {
                return ids;
            }
            previous = ids;
            // one checkpoint interval: the last checkpoint's transactions commit within it
            Thread.sleep(10_000);
        }
        throw new AssertionError(
                topic
                        + " did not settle with at least "
                        + atLeast
                        + " signals; last count "
                        + previous.size());
    }

    /** MBO records {@code job}'s consumer group has not committed; -1 before its first commit. */
    private static long behind(String job) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(job)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            committed.keySet().stream()
                    .filter(tp -> tp.topic().equals("md.glbx-mdp3.mbo"))
                    .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
            if (ends.isEmpty()) {
                return -1;
            }
            long lag = 0;
            for (var e : admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).entrySet()) {
                lag += Math.max(0, e.getValue().offset() - committed.get(e.getKey()).offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Result r = execute(command);
        assertThat(r.exit()).as("%s failed:%n%s", String.join(" ", command), r.output()).isZero();
    }

    private static Result execute(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "command-", ".log");
        Process p =
                new ProcessBuilder(command)
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log);
        assertThat(finished).as("%s finished: %s", String.join(" ", command), output).isTrue();
        return new Result(p.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
