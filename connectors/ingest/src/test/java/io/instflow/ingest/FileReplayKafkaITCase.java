package io.instflow.ingest;

import io.instflow.avro.FeedStatus;
import io.instflow.avro.FeedStatusKind;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.TopicReader;

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
                TopicReader.readAll(
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
        CompletableFuture<FileReplay.Result> replay;
        try (KafkaPublisher publisher =
                new KafkaPublisher(KAFKA.bootstrapServers(), topics, "GLBX.MDP3", Map.of())) {
            replay =
                    CompletableFuture.supplyAsync(
                            () ->
                                    new FileReplay(
                                                    List.of(file),
                                                    60,
                                                    (records, ts, done) -> published[0] = records)
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
                TopicReader.readAll(
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

    private static List<FeedStatus> statuses(Topics topics) {
        AvroSerde<FeedStatus> serde = AvroSerde.of(FeedStatus.class);
        List<FeedStatus> out = new ArrayList<>();
        TopicReader.readAll(KAFKA.bootstrapServers(), topics.status(), Duration.ofSeconds(60))
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
                TopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(120))) {
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
