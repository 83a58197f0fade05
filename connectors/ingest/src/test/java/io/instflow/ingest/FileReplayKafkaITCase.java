package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File replay into a real local broker: complete, ordered per instrument, robust to a broker
 * restart.
 */
@Timeout(600)
class FileReplayKafkaITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir static Path dir;

    static SimulationResult session;

    @BeforeAll
    static void simulate() {
        session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(20)
                                        .seed(5)
                                        .episodesPerDay(2)
                                        .build())
                        .run(line -> {});
    }

    @Test
    void shouldPublishEveryRecordInOrderPerInstrument() {
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 3);
        FileReplay.Result result;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            result =
                    new FileReplay(
                                    List.of(session.definitions(), session.days().get(0).file()),
                                    0,
                                    FileReplay.Progress.NONE)
                            .run(publisher);
        }
        assertThat(result.failures()).isEmpty();
        assertThat(result.mboRecords()).isEqualTo(session.days().get(0).records());

        Map<Long, List<String>> expected = fileOrderByInstrument(session.days().get(0).file());
        Map<Long, List<String>> actual = topicOrderByInstrument(topics.mbo());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Long instrument : expected.keySet()) {
            assertThat(actual.get(instrument))
                    .as("instrument %d", instrument)
                    .isEqualTo(expected.get(instrument));
        }

        List<ConsumerRecord<byte[], byte[]>> definitions =
                TopicScan.records(
                        KAFKA.bootstrapServers(), topics.definitions(), Duration.ofSeconds(60));
        AvroSerde<InstrumentDefinition> serde = AvroSerde.of(InstrumentDefinition.class);
        assertThat(definitions).hasSize(69);
        for (ConsumerRecord<byte[], byte[]> r : definitions) {
            InstrumentDefinition d = serde.deserialize(r.value());
            assertThat(new String(r.key(), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(d.getInstrumentId()));
        }
        List<FeedStatus> status = statuses(topics);
        assertThat(status)
                .extracting(FeedStatus::getKind)
                .containsExactly(FeedStatusKind.STREAMING, FeedStatusKind.END_OF_STREAM);
        assertThat(status.get(1).getRecords()).isEqualTo(result.mboRecords());
    }

    @Test
    void shouldLoseNothingAndDuplicateNothingWhenTheBrokerRestarts() throws Exception {
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 2);
        Path file = session.days().get(0).file();
        long[] published = new long[1];
        double[] shares = new double[1];
        CompletableFuture<FileReplay.Result> replay;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            replay =
                    CompletableFuture.supplyAsync(
                            () ->
                                    new FileReplay(
                                                    List.of(file),
                                                    60,
                                                    (records, ts, share, done) -> {
                                                        published[0] = records;
                                                        if (!done) {
                                                            shares[0] = share;
                                                        }
                                                    })
                                            .run(publisher));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (published[0] < 20_000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(published[0])
                    .as("replay under way before the restart")
                    .isGreaterThanOrEqualTo(20_000);
            KAFKA.restart();
            long afterRestart = published[0];
            FileReplay.Result result = replay.get(300, TimeUnit.SECONDS);
            assertThat(result.failures()).isEmpty();
            assertThat(shares[0])
                    .as("the share of the file read at the last progress line")
                    .isGreaterThan(0.5)
                    .isLessThanOrEqualTo(1.0);
            assertThat(afterRestart)
                    .as("the replay was still going when the broker came back")
                    .isLessThan(session.days().get(0).records());
        }
        Map<Long, List<String>> expected = fileOrderByInstrument(file);
        Map<Long, List<String>> actual = topicOrderByInstrument(topics.mbo());
        long total = 0;
        for (Long instrument : expected.keySet()) {
            assertThat(actual.get(instrument))
                    .as("instrument %d after a broker restart", instrument)
                    .isEqualTo(expected.get(instrument));
            total += actual.get(instrument).size();
        }
        assertThat(total).isEqualTo(session.days().get(0).records());
    }

    @Test
    void shouldSendACorruptFileToTheDeadLetterTopicAndReplayTheOthers(@TempDir Path temp)
            throws IOException {
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 1);
        byte[] plain;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(session.days().get(0).file()))) {
            plain = in.readNBytes(500_000);
        }
        Path broken = temp.resolve("broken.dbn");
        Files.write(broken, plain);
        FileReplay.Result result;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            result =
                    new FileReplay(
                                    List.of(session.definitions(), broken),
                                    0,
                                    FileReplay.Progress.NONE)
                            .run(publisher);
        }
        assertThat(result.failures())
                .singleElement()
                .asString()
                .contains("broken.dbn")
                .contains("truncated record");
        assertThat(result.definitions()).isEqualTo(69);
        assertThat(result.mboRecords()).isPositive();
        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicScan.records(
                        KAFKA.bootstrapServers(), topics.deadLetter(), Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(
                        new String(
                                letter.headers().lastHeader("reason").value(),
                                StandardCharsets.UTF_8))
                .contains("truncated record");
        assertThat(
                        new String(
                                letter.headers().lastHeader("source").value(),
                                StandardCharsets.UTF_8))
                .endsWith("broken.dbn");
        assertThat(letter.value().length).isBetween(1, 55);
        assertThat(statuses(topics)).extracting(FeedStatus::getKind).contains(FeedStatusKind.ERROR);
    }

    @Test
    void shouldDeadLetterEverythingAfterACorruptRecordInChunksAndReplayTheOtherFiles(
            @TempDir Path temp) throws IOException {
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 1);
        byte[] plain;
        try (var in =
                new com.github.luben.zstd.ZstdInputStream(
                        Files.newInputStream(session.days().get(0).file()))) {
            plain = in.readNBytes(3_000_000);
        }
        int metadataLength =
                8
                        + java.nio.ByteBuffer.wrap(plain, 4, 4)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                .getInt();
        int corruptAt = metadataLength + 20_000 * 56;
        plain[corruptAt] = 0;
        Path zeroed = temp.resolve("zeroed.dbn");
        Files.write(zeroed, plain);
        Path notDbn = temp.resolve("notes.dbn");
        Files.writeString(notDbn, "these are not market data");
        Path empty = Files.write(temp.resolve("empty.dbn"), new byte[0]);
        FileReplay.Result result;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            result =
                    new FileReplay(
                                    List.of(notDbn, session.definitions(), empty, zeroed),
                                    0,
                                    FileReplay.Progress.NONE)
                            .run(publisher);
        }
        assertThat(result.definitions()).as("the files after the bad one").isEqualTo(69);
        assertThat(result.mboRecords()).as("every record before the corrupt one").isEqualTo(20_000);
        assertThat(result.failures()).hasSize(3);
        assertThat(result.failures().get(0)).contains("notes.dbn").contains("not replayed");
        assertThat(result.failures().get(1)).contains("empty.dbn").contains("not replayed");
        assertThat(result.failures().get(2))
                .contains("zeroed.dbn")
                .contains("from offset " + String.format("%,d", corruptAt));

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicScan.records(
                        KAFKA.bootstrapServers(), topics.deadLetter(), Duration.ofSeconds(60));
        assertThat(dead).as("512 KiB chunks of the rest of the file").hasSizeGreaterThan(1);
        long expected = corruptAt;
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            assertThat(header(letter, "source")).endsWith("zeroed.dbn");
            assertThat(Long.parseLong(header(letter, "offset"))).isEqualTo(expected);
            assertThat(letter.value())
                    .isEqualTo(
                            java.util.Arrays.copyOfRange(
                                    plain, (int) expected, (int) expected + letter.value().length));
            expected += letter.value().length;
        }
        assertThat(expected).as("nothing of the file lost").isEqualTo(plain.length);
        List<FeedStatus> statuses = statuses(topics);
        assertThat(statuses)
                .filteredOn(st -> st.getKind() == FeedStatusKind.ERROR)
                .extracting(FeedStatus::getMessage)
                .anySatisfy(m -> assertThat(m).contains("notes.dbn"))
                .anySatisfy(m -> assertThat(m).contains("zeroed.dbn"));
        assertThat(statuses.get(statuses.size() - 1).getKind())
                .as("the replay ends in ERROR, not STREAMING")
                .isEqualTo(FeedStatusKind.ERROR);
    }

    @Test
    void shouldPublishCountOrDeadLetterEveryRecordOfARealLiveCapture() {
        Path capture =
                io.instflow.testing.SharedTestData.file(
                        "databento/databento-python/LIVE/test_data.live.dbn.zst");
        Topics topics = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), topics, 1);
        FileReplay.Result result;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            result = new FileReplay(List.of(capture), 0, FileReplay.Progress.NONE).run(publisher);
        }
        assertThat(result.failures()).isEmpty();
        assertThat(result.skipped()).containsEntry("symbol_mapping", 20L);
        long deadLettered =
                TopicScan.records(
                                KAFKA.bootstrapServers(),
                                topics.deadLetter(),
                                Duration.ofSeconds(60))
                        .size();
        long counted = result.skipped().values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.mboRecords() + result.definitions() + counted + deadLettered)
                .as("the README's 46 records, each published, counted or dead-lettered")
                .isEqualTo(46);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<FeedStatus> statuses(Topics topics) {
        AvroSerde<FeedStatus> serde = AvroSerde.of(FeedStatus.class);
        List<FeedStatus> out = new ArrayList<>();
        TopicScan.records(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(60))
                .forEach(r -> out.add(serde.deserialize(r.value())));
        return out;
    }

    private static Map<Long, List<String>> fileOrderByInstrument(Path file) {
        Map<Long, List<String>> out = new HashMap<>();
        try (DbnReader reader = DbnReader.open(file)) {
            reader.readAll(
                    new RecordHandler() {
                        @Override
                        public void onMbo(MboDecoder r) {
                            out.computeIfAbsent(r.instrumentId(), k -> new ArrayList<>())
                                    .add(
                                            r.tsRecv()
                                                    + "/"
                                                    + r.orderId()
                                                    + "/"
                                                    + (char) r.action()
                                                    + "/"
                                                    + r.size());
                        }
                    });
        }
        return out;
    }

    private static Map<Long, List<String>> topicOrderByInstrument(String topic) {
        AvroSerde<MboEvent> serde = AvroSerde.of(MboEvent.class);
        Map<Long, List<String>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                TopicScan.records(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(120))) {
            MboEvent e = serde.deserialize(r.value());
            assertThat(new String(r.key(), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(e.getInstrumentId()));
            out.computeIfAbsent(e.getInstrumentId(), k -> new ArrayList<>())
                    .add(
                            e.getTsRecv()
                                    + "/"
                                    + e.getOrderId()
                                    + "/"
                                    + (char) io.instflow.contract.MboFields.dbnAction(e.getAction())
                                    + "/"
                                    + e.getSize());
        }
        return out;
    }
}
