package io.instflow.cli;

import io.instflow.avro.Tier;
import io.instflow.cli.alert.AlertFormat;
import io.instflow.cli.alert.AlertState;
import io.instflow.cli.alert.Alerter;
import io.instflow.cli.alert.Webhook;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.BrokerProbe;
import io.instflow.contract.kafka.CommittedEnd;
import io.instflow.contract.kafka.KafkaSettings;
import io.instflow.contract.kafka.KafkaUnavailableException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code instflow alert}: posts each committed signal to a webhook, once. */
@Command(
        name = "alert",
        mixinStandardHelpOptions = true,
        description = {
            "Post each committed signal of a deployment to a webhook (Slack, Discord or plain JSON),"
                    + " once: what was sent is kept in a state file, so a restart resumes with the"
                    + " first signal not yet sent and never repeats one.",
            "Runs until interrupted (or, with --until-end, until the topic's current end)."
        })
final class AlertCommand implements Callable<Integer> {

    /** How long finding the signal topic's partitions may wait for the broker. */
    private static final Duration PARTITIONS_WAIT = Duration.ofSeconds(15);

    @Option(
            names = "--webhook",
            required = true,
            paramLabel = "URL",
            description = "Webhook URL; only its scheme and host are ever printed.")
    URI webhook;

    @Option(
            names = {"--bootstrap", "--bootstrap-server"},
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            defaultValue = "",
            description = "Topic prefix of the deployment, e.g. shadow. (default: none).")
    String topicPrefix;

    @Option(
            names = "--min-tier",
            defaultValue = "MODERATE",
            description =
                    "Lowest tier posted: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Tier minTier;

    @Option(
            names = "--format",
            defaultValue = "slack",
            description = "Body of each post: slack, discord or json (default: ${DEFAULT-VALUE}).")
    AlertFormat format;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description =
                    "What was sent (default: ~/.instflow/alerts/<topic>-<hash of the webhook>.json).")
    Path stateFile;

    @Option(
            names = "--from-beginning",
            description =
                    "On a first run (no state yet), post the topic's whole history; otherwise only"
                            + " signals committed from now on.")
    boolean fromBeginning;

    @Option(names = "--until-end", description = "Stop at the topic's end as of the start.")
    boolean untilEnd;

    @Option(
            names = "--max-attempts",
            defaultValue = "10",
            description =
                    "Attempts per post before giving up when the webhook is unreachable or"
                            + " failing (default: ${DEFAULT-VALUE}; back-off doubles from 250 ms to"
                            + " 30 s).")
    int maxAttempts;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Webhook hook = new Webhook(webhook, maxAttempts);
        String topic = new Topics(topicPrefix).signals();
        AlertState state = AlertState.load(stateFile != null ? stateFile : defaultState(topic));
        Properties props = KafkaSettings.consumer(bootstrap);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Alerter alerter = new Alerter(hook, format, minTier, state, out, err);
        boolean started = false;
        BrokerProbe.requireListening(bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end =
                    CommittedEnd.of(bootstrap, partitions, CommittedEnd.DEFAULT_WAIT);
            String start = position(consumer, partitions, end, state);
            // a first run that fails before its first post resumes where it started
            remember(consumer, partitions, state);
            out.println(
                    "alerting "
                            + hook.redacted()
                            + " ("
                            + format.name().toLowerCase()
                            + ", "
                            + minTier
                            + " and above) on "
                            + topic
                            + " at "
                            + bootstrap
                            + " from "
                            + start
                            + "; state "
                            + state.file());
            out.flush();
            started = true;
            while (!untilEnd || !reachedEnd(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    alerter.accept(r.partition(), r.offset(), r.value());
                }
                remember(consumer, partitions, state);
            }
        } finally {
            if (started) {
                out.println(alerter.summary());
                out.flush();
            }
        }
        return 0;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, PARTITIONS_WAIT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaUnavailableException.at(
                    bootstrap, "read " + topic + " on", e, PARTITIONS_WAIT.toSeconds());
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(
                    "topic '"
                            + topic
                            + "' does not exist on "
                            + bootstrap
                            + "; is the deployment running (see 'instflow kafka topics')?");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** Seeks each partition to where the state says, or where a first run starts; names it. */
    private String position(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end,
            AlertState state) {
        if (state.isNew()) {
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
                return "the beginning (first run)";
            }
            consumer.seekToEnd(partitions);
            return "the end (first run; --from-beginning posts the history)";
        }
        StringBuilder where = new StringBuilder("the state's offsets");
        for (TopicPartition p : partitions) {
            long next = state.offset(p.partition()).orElse(0L);
            if (next > end.get(p)) {
                where.append("; partition ")
                        .append(p.partition())
                        .append(" is shorter than the state says (topic re-created?), read from")
                        .append(" its beginning, already-sent signals skipped");
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, next);
            }
        }
        return where.toString();
    }

    private static void remember(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            AlertState state) {
        for (TopicPartition p : partitions) {
            state.advance(p.partition(), consumer.position(p));
        }
        state.save();
    }

    private static boolean reachedEnd(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Path defaultState(String topic) throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(webhook.toString().getBytes(StandardCharsets.UTF_8));
        String name = topic + "-" + HexFormat.of().formatHex(digest, 0, 6) + ".json";
        return Path.of(System.getProperty("user.home"), ".instflow", "alerts", name);
    }
}
