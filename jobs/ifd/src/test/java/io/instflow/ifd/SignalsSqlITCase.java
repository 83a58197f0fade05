package io.instflow.ifd;

import io.instflow.avro.Direction;
import io.instflow.avro.Signal;
import io.instflow.avro.Tier;
import io.instflow.ifd.io.FlatJsonValueSchema;
import io.instflow.testing.KafkaBroker;
import io.instflow.testing.OutputRecords;
import io.instflow.testing.SharedTestData;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published Flink SQL table of the JSON mirror topic ({@code docs/sql/signals-json.sql}) reads
 * what the job's mirror sink writes, through a real broker: the DDL as documented, with only the
 * broker, the topic and a bounded end filled in.
 */
class SignalsSqlITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void shouldQueryTheMirrorTopicWithTheDocumentedTable() throws Exception {
        String topic = KAFKA.uniqueTopicPrefix() + "ifd.signals.json";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        FlatJsonValueSchema<Signal> mirror = new FlatJsonValueSchema<>();
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            signals.add(
                    OutputRecords.signal(
                            "long-" + i,
                            "NQZ6",
                            21_000,
                            1_800_000_000L + 300L * i,
                            Direction.LONG,
                            Tier.HIGH));
        }
        for (int i = 0; i < 2; i++) {
            signals.add(
                    OutputRecords.signal(
                            "short-" + i,
                            "NQZ6",
                            20_500,
                            1_800_003_600L + 300L * i,
                            Direction.SHORT,
                            Tier.EXTREME));
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (Signal s : signals) {
                producer.send(new ProducerRecord<>(topic, mirror.serialize(s))).get();
            }
        }
        String ddl =
                Files.readString(
                                SharedTestData.repositoryRoot()
                                        .resolve("docs/sql/signals-json.sql"))
                        .replace("'ifd.signals.json'", "'" + topic + "'")
                        .replace("localhost:9092", KAFKA.bootstrapServers())
                        .replace(
                                "'scan.startup.mode' = 'earliest-offset',",
                                "'scan.startup.mode' = 'earliest-offset',"
                                        + " 'scan.bounded.mode' = 'latest-offset',");
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.getConfig().setLocalTimeZone(java.time.ZoneOffset.UTC);
        sql.executeSql(ddl);

        List<Row> hourly =
                rows(
                        sql,
                        "SELECT DATE_FORMAT(window_start, 'HH:mm'), direction, tier, COUNT(*),"
                                + " SUM(buy_volume - sell_volume), MIN(strike) FROM TABLE(TUMBLE("
                                + "TABLE ifd_signals, DESCRIPTOR(event_time), INTERVAL '1' HOUR))"
                                + " GROUP BY window_start, window_end, direction, tier");
        assertThat(hourly)
                .extracting(Row::toString)
                .containsExactlyInAnyOrder(
                        "+I[08:00, LONG, HIGH, 3, 510, 21000.0]",
                        "+I[09:00, SHORT, EXTREME, 2, 340, 20500.0]");
    }

    private static List<Row> rows(TableEnvironment sql, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
