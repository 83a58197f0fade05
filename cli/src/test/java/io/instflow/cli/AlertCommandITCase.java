package io.instflow.cli;

import io.instflow.avro.Direction;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.schemas.AvroSerde;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.OutputRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code instflow alert} against a real broker and a local webhook: each committed signal at or
 * above the tier is posted once, through failures of the webhook and restarts of the alerter.
 */
class AlertCommandITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_PATH = "/services/T0001/B0002/s3cr3tT0k3n";

    @TempDir Path tmp;

    private HttpServer server;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Integer> answers = new ArrayDeque<>();
    private int refuseWith;
    private String prefix;

    @BeforeEach
    void start() throws Exception {
        prefix = KAFKA.uniqueTopicPrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "ifd.signals", 2, (short) 1)))
                    .all()
                    .get();
        }
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext(
                SECRET_PATH,
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    int status;
                    synchronized (answers) {
                        status = answers.isEmpty() ? refuseWith : answers.poll();
                    }
                    if (status == 0) {
                        accepted.add(body);
                        status = 200;
                    }
                    byte[] reply = (status == 200 ? "ok" : "no_service").getBytes();
                    exchange.sendResponseHeaders(status, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldPostEachSignalOnceThroughWebhookFailuresAndRestarts() throws Exception {
        Signal high = signal("s-high", Tier.HIGH, Direction.LONG);
        Signal moderate = signal("s-moderate", Tier.MODERATE, Direction.LONG);
        Signal extreme = degraded(signal("s-extreme", Tier.EXTREME, Direction.SHORT));
        publish(0, AvroSerde.of(Signal.class).serialize(high));
        publish(1, "{\"not\": \"a signal\"}".getBytes(StandardCharsets.UTF_8));
        publish(1, AvroSerde.of(Signal.class).serialize(moderate));
        publish(1, AvroSerde.of(Signal.class).serialize(extreme));
        answers.addAll(List.of(503, 503));

        Run first = alert("--from-beginning");
        assertThat(first.code).as(first.err).isZero();
        assertThat(ids()).containsExactlyInAnyOrder("s-high", "s-extreme");
        JsonNode posted = JSON.readTree(body("s-extreme"));
        assertThat(posted.get("text").asText())
                .contains("EXTREME SELL underlying NQZ6 (SHORT)")
                .contains("DEGRADED: estimated from BARCHART, delayed 600 s");
        assertThat(first.out)
                .contains(
                        "alerts: 2 posted, 1 below HIGH, 0 already sent, 1 undecodable records"
                                + " skipped, 2 retried posts");
        assertThat(first.err).contains("skipped record 1/0: not a signal");
        assertThat(first.out + first.err).doesNotContain("s3cr3t");

        publish(0, AvroSerde.of(Signal.class).serialize(high));
        publish(
                1,
                AvroSerde.of(Signal.class).serialize(signal("s-new", Tier.HIGH, Direction.LONG)));
        Run restarted = alert();
        assertThat(restarted.code).as(restarted.err).isZero();
        assertThat(ids())
                .as("a restart sends only what was not sent, even when a signal is written again")
                .containsExactlyInAnyOrder("s-high", "s-extreme", "s-new");
        assertThat(restarted.out).contains("1 posted, 0 below HIGH, 1 already sent");
    }

    @Test
    void shouldStopWithTheWebhooksAnswerAndSendTheSignalWhenRunAgain() throws Exception {
        publish(0, AvroSerde.of(Signal.class).serialize(signal("s-1", Tier.HIGH, Direction.LONG)));
        refuseWith = 404;
        Run refused = alert("--from-beginning");
        assertThat(refused.code).isEqualTo(InstflowCommand.EXIT_IO);
        assertThat(refused.err)
                .contains("refused the alert: HTTP 404 (no_service)")
                .contains("http://localhost:" + server.getAddress().getPort() + "/...")
                .doesNotContain("s3cr3t");
        assertThat(accepted).isEmpty();

        refuseWith = 0;
        Run again = alert();
        assertThat(again.code).as(again.err).isZero();
        assertThat(ids()).containsExactly("s-1");
    }

    @Test
    void shouldPostTheFlatJsonOfTheMirrorTopicWithFormatJson() throws Exception {
        Signal s = signal("s-json", Tier.VERY_HIGH, Direction.LONG);
        publish(0, AvroSerde.of(Signal.class).serialize(s));
        Run run = alert("--from-beginning", "--format", "json");
        assertThat(run.code).as(run.err).isZero();
        JsonNode posted = JSON.readTree(accepted.get(0));
        assertThat(posted.get("signal_id").asText()).isEqualTo("s-json");
        assertThat(posted.get("tier").asText()).isEqualTo("VERY_HIGH");
        assertThat(posted.get("window_start_ns").asLong())
                .isEqualTo(s.getMetrics().getWindowStart());
    }

    private record Run(int code, String out, String err) {}

    private Run alert(String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "alert",
                                "--webhook",
                                "http://localhost:" + server.getAddress().getPort() + SECRET_PATH,
                                "--bootstrap-server",
                                KAFKA.bootstrapServers(),
                                "--topic-prefix",
                                prefix,
                                "--min-tier",
                                "HIGH",
                                "--state",
                                tmp.resolve("alert-state.json").toString(),
                                "--until-end"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                InstflowCommand.run(
                        new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String body : accepted) {
            String text = read(body).get("text").asText();
            ids.add(text.substring(text.lastIndexOf("signal ") + "signal ".length()));
        }
        return ids;
    }

    private String body(String id) {
        return accepted.stream().filter(b -> b.contains("signal " + id)).findFirst().orElseThrow();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private void publish(int partition, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(prefix + "ifd.signals", partition, null, value))
                    .get();
        }
    }

    private static Signal signal(String id, Tier tier, Direction direction) {
        return OutputRecords.signal(id, "NQZ6", 21_000, 1_800_000_000L, direction, tier);
    }

    private static Signal degraded(Signal s) {
        PressureMetrics m =
                PressureMetrics.newBuilder(s.getMetrics())
                        .setDegraded(true)
                        .setSource("BARCHART")
                        .setDelayMs(600_000L)
                        .build();
        return Signal.newBuilder(s).setMetrics(m).build();
    }
}
