package io.instflow.databento;

import io.instflow.dbn.RType;
import io.instflow.testing.SharedTestData;

import org.agrona.DirectBuffer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live client against a fake gateway that speaks the real protocol, fed a real ESH4 MBO day.
 */
@Timeout(120)
class LiveClientTest {

    static final String KEY = "db-unittestapikey1234567890FFFFF";

    /** Offset of an MBO record's ts_recv, its index timestamp. */
    static final int TS_RECV = 40;

    static byte[] stream;
    static List<String> fileRecords;

    @BeforeAll
    static void load() throws IOException {
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(
                                SharedTestData.file(
                                        "glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst")))) {
            stream = in.readAllBytes();
        }
        fileRecords = new ArrayList<>();
        org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(stream);
        int at = 8 + b.getInt(4, ByteOrder.LITTLE_ENDIAN);
        while (at < stream.length) {
            int length = (b.getByte(at) & 0xFF) * 4;
            fileRecords.add(identity(b, at));
            at += length;
        }
    }

    static String identity(DirectBuffer b, int at) {
        return b.getLong(at + 40, ByteOrder.LITTLE_ENDIAN)
                + "/"
                + b.getInt(at + 52, ByteOrder.LITTLE_ENDIAN)
                + "/"
                + b.getLong(at + 16, ByteOrder.LITTLE_ENDIAN)
                + "/"
                + (char) b.getByte(at + 38)
                + "/"
                + b.getInt(at + 32, ByteOrder.LITTLE_ENDIAN);
    }

    /** Collects what the client delivers. */
    static class Collector implements LiveListener {
        final List<String> records = Collections.synchronizedList(new ArrayList<>());
        final List<LiveEvent> events = Collections.synchronizedList(new ArrayList<>());
        volatile long sessionsStartedAtNs;

        @Override
        public void onRecord(DirectBuffer buffer, int offset, int length) {
            if ((buffer.getByte(offset + 1) & 0xFF) == RType.MBO) {
                records.add(identity(buffer, offset));
            }
        }

        @Override
        public void onEvent(LiveEvent event) {
            events.add(event);
        }

        @Override
        public void onSession(String sessionId, int attempt, io.instflow.dbn.Metadata metadata) {
            sessionsStartedAtNs = System.nanoTime();
        }
    }

    static LiveClientConfig.Builder config(FakeGateway gateway, String key) {
        return LiveClientConfig.builder(ApiKey.of(key))
                .gateway("127.0.0.1", gateway.port())
                .subscribe(new Subscription("mbo", "raw_symbol", List.of("ESH4"), false, null))
                .reconnect(
                        new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 0.2, 5));
    }

    /**
     * 2023-12-25 23:00 UTC: within the gateway's 24-hour replay window of every record of the
     * capture.
     */
    static final long NOW = 1_703_545_200_000_000_000L;

    static LiveClient client(LiveClientConfig config, LiveListener listener) {
        return new LiveClient(config, listener, () -> NOW, d -> Thread.sleep(d.toMillis()));
    }

    static CompletableFuture<Void> runUntil(LiveClient client, Collector collector, int records) {
        CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (collector.records.size() < records
                && !run.isDone()
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        client.stop();
        return run;
    }

    @Test
    void shouldAnswerDatabentosCramTestVector() {
        assertThat(GatewayProtocol.cramResponse("abcd1234", ApiKey.of(KEY)))
                .isEqualTo(
                        "be87ce3d564b64481d4ad1902e2b41b26e3eef62b9de37d87eb4a1d4a5199b6f-FFFFF");
    }

    @Test
    void shouldSplitSubscriptionsIntoLinesOfAtMost500Symbols() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            symbols.add("S" + i);
        }
        List<String> lines =
                GatewayProtocol.subscriptionLines(
                        new Subscription("mbo", "parent", symbols, true, null), 7);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("schema=mbo|stype_in=parent|symbols=S0,S1,")
                .endsWith("|snapshot=1|id=7|is_last=0\n");
        assertThat(lines.get(2)).endsWith("|id=7|is_last=1\n");
        for (String line : lines) {
            String list = GatewayProtocol.parse(line).get("symbols");
            assertThat(list.split(",").length).isLessThanOrEqualTo(500);
        }
        assertThat(
                        GatewayProtocol.subscriptionLines(
                                new Subscription(
                                        "mbo", "raw_symbol", List.of("NQZ6"), false, 1700L),
                                1))
                .containsExactly(
                        "schema=mbo|stype_in=raw_symbol|symbols=NQZ6|snapshot=0|start=1700|id=1|is_last=1\n");
    }

    @Test
    void shouldSpeakTheHandshakeAndStreamEveryRecord() throws Exception {
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.full())) {
            Collector collector = new Collector();
            LiveClient client = client(config(gateway, KEY).build(), collector);
            runUntil(client, collector, fileRecords.size()).get(30, TimeUnit.SECONDS);
            assertThat(collector.records).isEqualTo(fileRecords);
            List<String> lines = gateway.requests().get(0);
            assertThat(lines.get(0))
                    .matches(
                            "auth=[0-9a-f]{64}-FFFFF\\|dataset=GLBX\\.MDP3\\|encoding=dbn\\|compression=none"
                                    + "\\|ts_out=0\\|heartbeat_interval_s=30\\|client=instflow/.+");
            assertThat(lines.subList(1, lines.size()))
                    .containsExactly(
                            "schema=mbo|stype_in=raw_symbol|symbols=ESH4|snapshot=0|id=1|is_last=1",
                            "start_session");
            assertThat(collector.events)
                    .extracting(LiveEvent::kind)
                    .contains(LiveEvent.Kind.AUTHENTICATED);
        }
    }

    /** The benchmarks' live feed: a paced gateway sends each record when it falls due. */
    @Test
    void shouldStreamEachRecordWhenItFallsDueWhenPaced() throws Exception {
        org.agrona.concurrent.UnsafeBuffer source = new org.agrona.concurrent.UnsafeBuffer(stream);
        int recordsStart = 8 + source.getInt(4, ByteOrder.LITTLE_ENDIAN);
        int length = (source.getByte(recordsStart) & 0xFF) * 4;
        byte[] three = java.util.Arrays.copyOf(stream, recordsStart + 3 * length);
        org.agrona.concurrent.UnsafeBuffer paced = new org.agrona.concurrent.UnsafeBuffer(three);
        long first = source.getLong(recordsStart + TS_RECV, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3; i++) {
            paced.putLong(
                    recordsStart + i * length + TS_RECV,
                    first + i * 300_000_000L,
                    ByteOrder.LITTLE_ENDIAN);
        }
        try (FakeGateway gateway = new FakeGateway(KEY, three, s -> FakeGateway.Plan.paced(1))) {
            List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
            Collector collector =
                    new Collector() {
                        @Override
                        public void onRecord(DirectBuffer buffer, int offset, int length) {
                            arrivals.add(System.nanoTime());
                            super.onRecord(buffer, offset, length);
                        }
                    };
            LiveClient client = client(config(gateway, KEY).build(), collector);
            runUntil(client, collector, 3).get(30, TimeUnit.SECONDS);
            assertThat(collector.records).hasSize(3);
            assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(arrivals.size() - 3))
                    .as("the third record 600 ms of index time after the first")
                    .isGreaterThanOrEqualTo(550_000_000L);
            assertThat(
                            gateway.pacedEpochMs(first + 600_000_000L).getAsLong()
                                    - gateway.pacedEpochMs(first).getAsLong())
                    .isEqualTo(600);
        }
    }

    @Test
    void shouldReportTheGapAndSendNothingTwiceWhenTheGatewayCannotReplay() throws Exception {
        IntFunction<FakeGateway.Plan> plans =
                s -> s == 1 ? FakeGateway.Plan.dropAfter(5_000) : FakeGateway.Plan.full();
        try (FakeGateway gateway = new FakeGateway(KEY, stream, plans)) {
            Collector collector = new Collector();
            // two days after the data: beyond the replay window, so the client resubscribes
            // without a start and this gateway sends its whole stream again
            LiveClient client =
                    new LiveClient(
                            config(gateway, KEY).build(),
                            collector,
                            () -> NOW + 2 * 86_400_000_000_000L,
                            d -> Thread.sleep(d.toMillis()));
            CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
            io.instflow.testing.Await.until(
                    () ->
                            gateway.streamed(2) >= gateway.recordCount()
                                    && collector.records.size() >= fileRecords.size(),
                    Duration.ofSeconds(60),
                    "the second session's whole stream delivered");
            client.stop();
            run.get(30, TimeUnit.SECONDS);

            assertThat(String.join("\n", gateway.requests().get(1))).doesNotContain("start=");
            assertThat(collector.records).as("each record once").isEqualTo(fileRecords);
            assertThat(client.duplicatesDropped()).isPositive();
            assertThat(collector.events).extracting(LiveEvent::kind).contains(LiveEvent.Kind.GAP);
        }
    }

    @Test
    void shouldDeliverEveryRecordExactlyOnceAcrossDisconnects() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        long[] drops = {
            random.nextLong(1, 20_000), random.nextLong(1, 20_000), random.nextLong(1, 20_000)
        };
        IntFunction<FakeGateway.Plan> plans =
                s ->
                        s <= drops.length
                                ? FakeGateway.Plan.dropAfter(drops[s - 1])
                                : FakeGateway.Plan.full();
        try (FakeGateway gateway = new FakeGateway(KEY, stream, plans)) {
            Collector collector = new Collector();
            LiveClient client = client(config(gateway, KEY).build(), collector);
            runUntil(client, collector, fileRecords.size()).get(30, TimeUnit.SECONDS);

            assertThat(gateway.sessions()).isEqualTo(4);
            assertThat(collector.records).hasSameSizeAs(fileRecords).isEqualTo(fileRecords);
            assertThat(client.duplicatesDropped()).as("replayed overlap dropped").isPositive();
            for (int s = 1; s < 4; s++) {
                assertThat(String.join("\n", gateway.requests().get(s)))
                        .as("session %d resubscribes with start", s + 1)
                        .containsPattern("\\|start=\\d+\\|");
            }
            assertThat(collector.events)
                    .extracting(LiveEvent::kind)
                    .contains(
                            LiveEvent.Kind.DISCONNECTED,
                            LiveEvent.Kind.RECONNECTING,
                            LiveEvent.Kind.RECOVERED);
        }
    }

    @Test
    void shouldReconnectWhenTheGatewayFallsSilent() throws Exception {
        IntFunction<FakeGateway.Plan> plans =
                s -> s == 1 ? FakeGateway.Plan.silentAfter(5_000) : FakeGateway.Plan.full();
        try (FakeGateway gateway = new FakeGateway(KEY, stream, plans)) {
            Collector collector = new Collector();
            LiveClient client =
                    client(
                            config(gateway, KEY)
                                    .heartbeatInterval(Duration.ofSeconds(1))
                                    .livenessSlack(Duration.ofMillis(500))
                                    .build(),
                            collector);
            CompletableFuture<Void> run = CompletableFuture.runAsync(client::run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (collector.records.size() < 5_000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long silentSince = System.nanoTime();
            while (gateway.sessions() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            double seconds = (System.nanoTime() - silentSince) / 1e9;
            assertThat(seconds)
                    .as("reconnect after silence, liveness timeout 1.5 s")
                    .isLessThan(3.0);
            while (collector.records.size() < fileRecords.size() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            client.stop();
            run.get(10, TimeUnit.SECONDS);
            assertThat(collector.records).isEqualTo(fileRecords);
            assertThat(collector.events)
                    .extracting(LiveEvent::kind)
                    .contains(LiveEvent.Kind.HEARTBEAT_TIMEOUT);
        }
    }

    @Test
    void shouldStopWithAClearErrorOnBadCredentials() throws Exception {
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.full())) {
            Collector collector = new Collector();
            LiveClient client =
                    client(config(gateway, "db-wrongkeywrongkeywrongkeyAAAAA").build(), collector);
            assertThatThrownBy(client::run)
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("authentication failed: Authentication failed.")
                    .hasMessageContaining("DATABENTO_API_KEY")
                    .satisfies(e -> assertThat(((GatewayException) e).fatal()).isTrue());
            assertThat(gateway.sessions()).as("no retry of a refused key").isEqualTo(1);
            assertThat(collector.events).extracting(LiveEvent::kind).contains(LiveEvent.Kind.FATAL);
        }
    }

    @Test
    void shouldStopOnAFatalGatewayErrorRecord() throws Exception {
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.error(3))) {
            LiveClient client = client(config(gateway, KEY).build(), new Collector());
            assertThatThrownBy(client::run)
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("gateway error 3")
                    .hasMessageContaining("stop another connector");
            assertThat(gateway.sessions()).isEqualTo(1);
        }
    }

    @Test
    void shouldReadAZstdStream() throws Exception {
        try (FakeGateway gateway = new FakeGateway(KEY, stream, s -> FakeGateway.Plan.full())) {
            Collector collector = new Collector();
            LiveClient client = client(config(gateway, KEY).zstd(true).build(), collector);
            runUntil(client, collector, fileRecords.size()).get(30, TimeUnit.SECONDS);
            assertThat(collector.records).isEqualTo(fileRecords);
            assertThat(gateway.requests().get(0).get(0)).contains("|compression=zstd|");
        }
    }

    @Test
    void shouldNeverWriteTheKeyToLogsEventsOrErrors() throws Exception {
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        AbstractAppender capture =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        logged.add(
                                event.getMessage().getFormattedMessage()
                                        + (event.getThrown() == null
                                                ? ""
                                                : " " + event.getThrown()));
                    }
                };
        capture.start();
        LoggerConfig root = configuration.getRootLogger();
        Level before = root.getLevel();
        root.addAppender(capture, Level.ALL, null);
        root.setLevel(Level.ALL);
        context.updateLoggers();
        try (FakeGateway gateway =
                new FakeGateway(
                        KEY,
                        stream,
                        s -> s == 1 ? FakeGateway.Plan.dropAfter(100) : FakeGateway.Plan.full())) {
            Collector collector = new Collector();
            LiveClient client = client(config(gateway, KEY).build(), collector);
            runUntil(client, collector, fileRecords.size()).get(30, TimeUnit.SECONDS);
            Throwable refused = null;
            try {
                client(config(gateway, "db-wrongkeywrongkeywrongkeyAAAAA").build(), collector)
                        .run();
            } catch (GatewayException e) {
                refused = e;
            }
            assertThat(refused).isNotNull();
            List<String> texts = new ArrayList<>(logged);
            collector.events.forEach(e -> texts.add(e.toString()));
            texts.add(String.valueOf(refused));
            texts.add(ApiKey.of(KEY).toString());
            texts.add(config(gateway, KEY).build().toString());
            assertThat(logged).as("log lines captured").isNotEmpty();
            for (String text : texts) {
                assertThat(text).doesNotContain(KEY).doesNotContain("unittestapikey");
            }
        } finally {
            root.removeAppender("capture");
            root.setLevel(before);
            context.updateLoggers();
        }
    }
}
