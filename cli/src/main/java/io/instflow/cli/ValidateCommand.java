package io.instflow.cli;

import io.instflow.contract.Deployment;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.BrokerProbe;
import io.instflow.databento.ApiKey;
import io.instflow.databento.GatewayException;
import io.instflow.databento.LiveClient;
import io.instflow.databento.LiveClientConfig;
import io.instflow.databento.LiveListener;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.databento.Subscription;
import io.instflow.dbn.Metadata;
import io.instflow.ifd.PipelineConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.DirectBuffer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code instflow validate} (what {@code scripts/validate} runs): checks a deployment as an
 * operator would before trusting it, prints a readiness table and exits non-zero when any check
 * fails. Its length (about 490 lines) is one short method per check (configuration, Kafka, topics,
 * Flink, jobs, lag, checkpoints, Databento) feeding one table.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check a deployment: configuration, Kafka, topics, Flink, jobs, consumer lag, checkpoint age and "
                        + "(with --live) the Databento key; prints a readiness table, exits 1 when a check fails.")
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(
            names = "--bootstrap",
            defaultValue = "localhost:9092",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--flink-url",
            defaultValue = "http://localhost:8081",
            description = "Flink's REST endpoint (default: ${DEFAULT-VALUE}).")
    String flinkUrl;

    @Option(
            names = "--config",
            description =
                    "Pipeline configuration JSON the jobs run with (default: the bundled one).")
    Path config;

    @Option(
            names = "--deployment",
            paramLabel = "PROFILE[:PREFIX]",
            defaultValue = "production",
            description =
                    "An IFD deployment to expect: its profile and topic prefix; repeatable (default: ${DEFAULT-VALUE}).")
    List<String> deployments;

    @Option(
            names = "--comparison",
            paramLabel = "SHADOW_PREFIX",
            description =
                    "A shadow comparison job to expect, by the shadow's topic prefix; repeatable.")
    List<String> comparisons = new ArrayList<>();

    @Option(
            names = "--input-prefix",
            defaultValue = "",
            description = "Prefix of the market-data topics (default: none).")
    String inputPrefix;

    @Option(
            names = "--partitions",
            defaultValue = "1",
            description = "Minimum partitions of the MBO topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--max-lag",
            defaultValue = "500000",
            description = "Most MBO records a job may be behind (default: ${DEFAULT-VALUE}).")
    long maxLag;

    @Option(
            names = "--max-checkpoint-age",
            defaultValue = "120",
            description =
                    "Oldest acceptable last completed checkpoint, seconds (default: ${DEFAULT-VALUE}).")
    long maxCheckpointAgeSeconds;

    @Option(
            names = "--live",
            description = "Also check the Databento API key (environment or .env).")
    boolean live;

    @Option(
            names = "--gateway",
            paramLabel = "HOST:PORT",
            description = "With --live: authenticate at this gateway too.")
    String gateway;

    @Spec CommandSpec spec;

    private final ReadinessTable table = new ReadinessTable();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() {
        PipelineConfig pipeline = checkConfig();
        Map<String, String> jobs = new java.util.TreeMap<>();
        for (String d : deployments) {
            String profile = d.contains(":") ? d.substring(0, d.indexOf(':')) : d;
            String prefix = d.contains(":") ? d.substring(d.indexOf(':') + 1) : "";
            jobs.put(Deployment.ifd(profile, prefix).name(), prefix);
            if (pipeline != null) {
                try {
                    pipeline.profile(profile);
                } catch (IllegalArgumentException e) {
                    table.fail("config", e.getMessage());
                }
            }
        }
        comparisons.forEach(p -> jobs.put(Deployment.comparison("", p).name(), null));
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                5_000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                10_000))) {
            if (checkKafka(admin)) {
                checkTopics(admin, jobs);
                JsonNode running = checkFlink(jobs);
                if (running != null) {
                    checkLagAndCheckpoints(admin, jobs, running);
                }
            } else {
                checkFlink(jobs);
            }
        }
        if (live) {
            checkDatabento();
        }
        table.print(spec.commandLine().getOut());
        return table.failed() > 0 ? 1 : 0;
    }

    private PipelineConfig checkConfig() {
        try {
            PipelineConfig p =
                    config == null ? PipelineConfig.defaults() : PipelineConfig.load(config);
            table.ok(
                    "config",
                    (config == null ? "bundled pipeline_config.json" : config.toString())
                            + " is valid");
            return p;
        } catch (RuntimeException e) {
            table.fail("config", e.getMessage());
            return null;
        }
    }

    private boolean checkKafka(Admin admin) {
        String refusal = BrokerProbe.refusal(bootstrap);
        if (refusal != null) {
            table.fail("kafka", "cannot reach Kafka at " + bootstrap + ": " + refusal);
            return false;
        }
        try {
            int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
            table.ok("kafka", bootstrap + " reachable, " + brokers + " broker(s)");
            return true;
        } catch (Exception e) {
            table.fail("kafka", "cannot reach Kafka at " + bootstrap + ": " + rootMessage(e));
            return false;
        }
    }

    private void checkTopics(Admin admin, Map<String, String> jobs) {
        try {
            Topics input = new Topics(inputPrefix);
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> expected =
                    new ArrayList<>(List.of(input.mbo(), input.definitions(), input.status()));
            jobs.values().stream()
                    .filter(p -> p != null)
                    .forEach(p -> expected.addAll(new Topics(p).writtenBy(Topic.Set.IFD)));
            if (!comparisons.isEmpty()) {
                expected.add(Topics.unprefixed().comparison());
            }
            List<String> missing =
                    expected.stream().filter(t -> !existing.contains(t)).distinct().toList();
            if (!missing.isEmpty()) {
                table.fail(
                        "topics",
                        "missing: "
                                + String.join(", ", missing)
                                + " (scripts/submit or instflow kafka create-topics creates them)");
                return;
            }
            TopicDescription mbo =
                    admin.describeTopics(List.of(input.mbo()))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(input.mbo());
            String policy =
                    admin.describeConfigs(
                                    List.of(
                                            new ConfigResource(
                                                    ConfigResource.Type.TOPIC,
                                                    input.definitions())))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .values()
                            .iterator()
                            .next()
                            .get("cleanup.policy")
                            .value();
            if (mbo.partitions().size() < partitions) {
                table.fail(
                        "topics",
                        input.mbo()
                                + " has "
                                + mbo.partitions().size()
                                + " partitions, expected at least "
                                + partitions);
            } else if (!policy.contains("compact")) {
                table.fail(
                        "topics",
                        input.definitions() + " is not compacted (cleanup.policy=" + policy + ")");
            } else {
                table.ok(
                        "topics",
                        expected.size()
                                + " topics present; "
                                + input.mbo()
                                + " has "
                                + mbo.partitions().size()
                                + " partitions; "
                                + input.definitions()
                                + " compacted");
            }
        } catch (Exception e) {
            table.fail("topics", rootMessage(e));
        }
    }

    private JsonNode checkFlink(Map<String, String> jobs) {
        JsonNode overview = get("/overview");
        if (overview == null) {
            table.fail("flink", "cannot reach Flink's REST API at " + flinkUrl);
            table.fail("jobs", "unknown: Flink is not reachable");
            return null;
        }
        table.ok(
                "flink",
                flinkUrl
                        + ": "
                        + overview.path("taskmanagers").asInt()
                        + " taskmanager(s), "
                        + overview.path("slots-available").asInt()
                        + " of "
                        + overview.path("slots-total").asInt()
                        + " slots free");
        JsonNode all = get("/jobs/overview");
        Map<String, JsonNode> byName = new HashMap<>();
        if (all != null) {
            for (JsonNode j : all.path("jobs")) {
                JsonNode seen = byName.get(j.path("name").asText());
                if (seen == null || !"RUNNING".equals(seen.path("state").asText())) {
                    byName.put(j.path("name").asText(), j);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : jobs.keySet()) {
            JsonNode j = byName.get(name);
            if (j == null) {
                problems.add(name + " not found");
            } else if (!"RUNNING".equals(j.path("state").asText())) {
                problems.add(name + " is " + j.path("state").asText());
            }
        }
        if (problems.isEmpty()) {
            table.ok(
                    "jobs",
                    String.join(", ", jobs.keySet().stream().sorted().toList()) + " running");
        } else {
            table.fail("jobs", String.join("; ", problems));
        }
        return MAPPER.valueToTree(byName);
    }

    private void checkLagAndCheckpoints(Admin admin, Map<String, String> jobs, JsonNode byName) {
        Topics input = new Topics(inputPrefix);
        List<String> lagDetails = new ArrayList<>();
        boolean lagFailed = false;
        List<String> ageDetails = new ArrayList<>();
        boolean ageFailed = false;
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode j = byName.path(job.getKey());
            if (job.getValue() != null) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(job.getKey())
                                    .partitionsToOffsetAndMetadata()
                                    .get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    committed.keySet().stream()
                            .filter(tp -> tp.topic().equals(input.mbo()))
                            .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                    if (ends.isEmpty()) {
                        lagDetails.add(job.getKey() + ": no committed offsets yet");
                    } else {
                        long lag = 0;
                        for (var e :
                                admin.listOffsets(ends)
                                        .all()
                                        .get(10, TimeUnit.SECONDS)
                                        .entrySet()) {
                            lag +=
                                    Math.max(
                                            0,
                                            e.getValue().offset()
                                                    - committed.get(e.getKey()).offset());
                        }
                        lagDetails.add(job.getKey() + ": " + lag + " records behind");
                        lagFailed |= lag > maxLag;
                    }
                } catch (Exception e) {
                    lagDetails.add(job.getKey() + ": " + rootMessage(e));
                    lagFailed = true;
                }
            }
            if (!j.isMissingNode() && "RUNNING".equals(j.path("state").asText())) {
                JsonNode cp = get("/jobs/" + j.path("jid").asText() + "/checkpoints");
                long ack =
                        cp == null
                                ? 0
                                : cp.path("latest")
                                        .path("completed")
                                        .path("latest_ack_timestamp")
                                        .asLong(0);
                if (ack == 0) {
                    ageDetails.add(job.getKey() + ": no completed checkpoint yet");
                    ageFailed |=
                            System.currentTimeMillis() - j.path("start-time").asLong()
                                    > maxCheckpointAgeSeconds * 1000;
                } else {
                    long age = (System.currentTimeMillis() - ack) / 1000;
                    ageDetails.add(job.getKey() + ": " + age + " s ago");
                    ageFailed |= age > maxCheckpointAgeSeconds;
                }
            }
        }
        table.add(
                "consumer lag",
                !lagFailed,
                String.join("; ", lagDetails) + " (limit " + maxLag + ")");
        table.add(
                "checkpoints",
                !ageFailed,
                ageDetails.isEmpty()
                        ? "no running job"
                        : String.join("; ", ageDetails)
                                + " (limit "
                                + maxCheckpointAgeSeconds
                                + " s)");
    }

    private void checkDatabento() {
        ApiKey key;
        try {
            key = ApiKey.require();
        } catch (RuntimeException e) {
            table.fail("databento key", e.getMessage());
            return;
        }
        if (gateway == null) {
            table.ok(
                    "databento key",
                    "present ("
                            + ApiKey.VARIABLE
                            + " or .env); not tried against a gateway (--gateway)");
            return;
        }
        int colon = gateway.lastIndexOf(':');
        LiveClientConfig cfg =
                LiveClientConfig.builder(key)
                        .gateway(
                                gateway.substring(0, colon),
                                Integer.parseInt(gateway.substring(colon + 1)))
                        .subscribe(
                                new Subscription(
                                        "definition", "parent", List.of("NQ.FUT"), false, null))
                        .reconnect(new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, 1))
                        .build();
        LiveClient[] client = new LiveClient[1];
        client[0] =
                new LiveClient(
                        cfg,
                        new LiveListener() {
                            @Override
                            public void onSession(
                                    String sessionId, int attempt, Metadata metadata) {
                                client[0].stop();
                            }

                            @Override
                            public void onRecord(DirectBuffer buffer, int offset, int length) {}
                        });
        try {
            client[0].run();
            table.ok("databento key", "accepted by " + gateway);
        } catch (GatewayException e) {
            table.fail("databento key", "refused by " + gateway + ": " + e.getMessage());
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(flinkUrl + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? MAPPER.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
