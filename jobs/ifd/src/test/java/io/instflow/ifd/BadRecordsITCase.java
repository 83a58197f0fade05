package io.instflow.ifd;

import io.instflow.avro.BookSide;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboAction;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.contract.Topics;
import io.instflow.contract.flink.DeadLetter;
import io.instflow.contract.kafka.TopicAdmin;
import io.instflow.contract.kafka.TopicScan;
import io.instflow.schemas.AvroSerde;
import io.instflow.simulator.MarketSimulator;
import io.instflow.simulator.SimulationResult;
import io.instflow.simulator.SimulatorConfig;
import io.instflow.testing.KafkaBroker;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One session replayed twice into a real broker, once clean and once behind bad records of every
 * kind (a tombstone, a value declaring a 2^31-byte string, 100 random values, MBO records dated
 * 2100 and 1970): the job finishes on its own, commits exactly the clean run's outputs, and puts
 * every bad record on its dead-letter topic with the reason, counted on its metrics.
 */
@Timeout(600)
class BadRecordsITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    static SimulationResult session;

    @BeforeAll
    static void simulate() {
        session =
                new MarketSimulator(
                                SimulatorConfig.builder(dir)
                                        .days(1)
                                        .minutes(60)
                                        .seed(21)
                                        .episodesPerDay(4)
                                        .build())
                        .run(line -> {});
    }

    @Test
    void shouldCommitTheCleanRunsOutputsAndDeadLetterEveryBadRecordWithItsReason()
            throws Exception {
        JobRuns runs = new JobRuns(KAFKA.bootstrapServers(), session);
        Topics clean = new Topics(KAFKA.uniqueTopicPrefix());
        Topics dirty = new Topics(KAFKA.uniqueTopicPrefix());
        TopicAdmin.ensure(KAFKA.bootstrapServers(), dirty, 2);
        int bad = writeBadRecords(dirty);
        runs.replay(clean);
        runs.replay(dirty);
        Topics cleanOut = new Topics(clean.prefix() + "out.");
        Topics dirtyOut = new Topics(dirty.prefix() + "out.");
        runs.run(clean, cleanOut, 2, null);
        runs.run(dirty, dirtyOut, 2, null);

        Map<String, List<String>> expected = runs.outputs(cleanOut);
        assertThat(expected.get("signals")).as("the session has signals").isNotEmpty();
        assertThat(runs.outputs(dirtyOut)).isEqualTo(expected);

        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        TopicScan.readToEnd(
                KAFKA.bootstrapServers(),
                dirtyOut.jobDeadLetter(),
                Duration.ofMinutes(1),
                letters::add);
        assertThat(letters).hasSize(bad);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : letters) {
            String source = header(r, DeadLetter.SOURCE_TOPIC);
            assertThat(source).isIn(dirty.mbo(), dirty.definitions());
            assertThat(header(r, DeadLetter.SOURCE_OFFSET)).matches("\\d+");
            reasons.add(header(r, DeadLetter.REASON));
        }
        assertThat(reasons.stream().filter(r -> r.startsWith("undecodable:")).count())
                .isEqualTo(bad - 2);
        assertThat(reasons)
                .anyMatch(r -> r.contains("tombstone"))
                .anyMatch(r -> r.contains("ahead of the wall clock"))
                .anyMatch(r -> r.contains("before GLBX.MDP3 data begins"));
        assertThat(read(cleanOut.jobDeadLetter(), byte[].class)).isEmpty();
        double counted =
                read(dirtyOut.metrics(), PipelineMetric.class).stream()
                        .filter(m -> m.getName().equals("dead_letters"))
                        .mapToDouble(PipelineMetric::getValue)
                        .sum();
        assertThat(counted).as("dead letters counted on ifd.metrics").isEqualTo(bad);
    }

    @Test
    void shouldFailAtOnceNamingTheInputTopicsThatDoNotExist() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                IfdJob.main(
                                        new String[] {
                                            "--bootstrap",
                                            KAFKA.bootstrapServers(),
                                            "--input-prefix",
                                            "nowhere.",
                                            "--bounded"
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere.md.glbx-mdp3.mbo")
                .hasMessageContaining("nowhere.md.glbx-mdp3.definitions");
    }

    /** Bad records ahead of the session on each topic; returns how many. */
    private static int writeBadRecords(Topics topics) {
        AvroSerde<InstrumentDefinition> definitions = AvroSerde.of(InstrumentDefinition.class);
        AvroSerde<MboEvent> mbo = AvroSerde.of(MboEvent.class);
        byte[] hugeString = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F
        };
        Random random = new Random(16);
        int count = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.definitions(), key(1), null));
            producer.send(
                    new ProducerRecord<>(
                            topics.definitions(), key(2), withHeader(hugeString, definitions)));
            producer.send(new ProducerRecord<>(topics.mbo(), key(3), withHeader(hugeString, mbo)));
            count += 3;
            for (int i = 0; i < 100; i++) {
                byte[] noise = new byte[1 + random.nextInt(200)];
                random.nextBytes(noise);
                producer.send(new ProducerRecord<>(topics.mbo(), key(i), noise));
                count++;
            }
            long year2100 =
                    LocalDate.of(2100, 1, 1).toEpochSecond(java.time.LocalTime.NOON, ZoneOffset.UTC)
                            * 1_000_000_000L;
            producer.send(
                    new ProducerRecord<>(topics.mbo(), key(7), mbo.serialize(mboAt(year2100))));
            producer.send(
                    new ProducerRecord<>(
                            topics.mbo(), key(8), mbo.serialize(mboAt(1_000_000_000L))));
            count += 2;
            producer.flush();
        }
        return count;
    }

    /**
     * {@code body} behind the single-object header (marker and fingerprint) of {@code serde}'s
     * type.
     */
    private static byte[] withHeader(byte[] body, AvroSerde<?> serde) {
        java.nio.ByteBuffer out =
                java.nio.ByteBuffer.allocate(body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(org.apache.avro.SchemaNormalization.parsingFingerprint64(serde.schema()));
        out.put(body, 10, body.length - 10);
        return out.array();
    }

    private static MboEvent mboAt(long tsNs) {
        return MboEvent.newBuilder()
                .setDataset("GLBX.MDP3")
                .setPublisherId(1)
                .setInstrumentId(42_140_000L)
                .setTsEvent(tsNs)
                .setTsRecv(tsNs)
                .setTsInDelta(0)
                .setOrderId(1)
                .setPrice(21_000_000_000_000L)
                .setSize(5)
                .setAction(MboAction.ADD)
                .setSide(BookSide.BID)
                .setFlags(128)
                .setChannelId(0)
                .setSequence(1)
                .build();
    }

    private static byte[] key(long id) {
        return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> read(String topic, Class<T> type) {
        if (type == byte[].class) {
            List<T> raw = new ArrayList<>();
            TopicScan.readToEnd(
                    KAFKA.bootstrapServers(),
                    topic,
                    Duration.ofMinutes(1),
                    r -> raw.add((T) r.value()));
            return raw;
        }
        return (List<T>)
                TopicScan.readAll(
                        KAFKA.bootstrapServers(),
                        topic,
                        (Class<? extends SpecificRecordBase>) type,
                        Duration.ofMinutes(1));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
