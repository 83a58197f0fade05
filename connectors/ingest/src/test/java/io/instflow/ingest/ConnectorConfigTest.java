package io.instflow.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorConfigTest {

    @TempDir Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("connector.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldFillDefaultsAndTakeEnvironmentOverrides() throws Exception {
        ConnectorConfig c =
                ConnectorConfig.load(
                        write("databento.symbols = NQ.OPT, NQ.FUT\n"),
                        Map.of(
                                "INSTFLOW_KAFKA_BOOTSTRAP",
                                "kafka:9092",
                                "INSTFLOW_BACKUP_BARCHART_SERIES",
                                "MQ4M25"));
        assertThat(c.bootstrap()).isEqualTo("kafka:9092");
        assertThat(c.symbols()).containsExactly("NQ.OPT", "NQ.FUT");
        assertThat(c.schemas()).containsExactly("mbo", "definition");
        assertThat(c.partitions()).isEqualTo(4);
        assertThat(c.gateway()).isNull();
        assertThat(c.hasBackup()).isTrue();
    }

    @Test
    void shouldNameTheFileAndKeyOfEveryBadSetting() throws Exception {
        Path typo = write("databento.symbols = NQ.OPT\nkafka.bootstrp = x:1\n");
        assertThatThrownBy(() -> ConnectorConfig.load(typo, Map.of()))
                .hasMessageContaining(typo.toString())
                .hasMessageContaining("kafka.bootstrp");
        Path partitions = write("databento.symbols = NQ.OPT\nkafka.partitions = many\n");
        assertThatThrownBy(() -> ConnectorConfig.load(partitions, Map.of()))
                .hasMessageContaining("kafka.partitions")
                .hasMessageContaining("many");
        Path window = write("databento.symbols = NQ.OPT\nwindow.minutes = 7\n");
        assertThatThrownBy(() -> ConnectorConfig.load(window, Map.of()))
                .hasMessageContaining("window.minutes must be 1 to 5");
        Path none = write("kafka.bootstrap = kafka:9092\n");
        assertThatThrownBy(() -> ConnectorConfig.load(none, Map.of()))
                .hasMessageContaining("databento.symbols is required");
        Path gateway = write("databento.symbols = NQ.OPT\ndatabento.gateway = localhost\n");
        assertThatThrownBy(() -> ConnectorConfig.load(gateway, Map.of()))
                .hasMessageContaining("HOST:PORT");
        Path snapshot = write("databento.symbols = NQ.OPT\ndatabento.snapshot = yes\n");
        assertThatThrownBy(() -> ConnectorConfig.load(snapshot, Map.of()))
                .hasMessageContaining("true or false");
    }

    @Test
    void shouldExitWithUsageOrTheErrorWithoutStarting() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(
                        ConnectorService.run(
                                new String[0], new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(ConnectorService.EXIT_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage").contains("--config");
        err.reset();
        Path missing = dir.resolve("absent.properties");
        assertThat(
                        ConnectorService.run(
                                new String[] {"--config", missing.toString()},
                                new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(ConnectorService.EXIT_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.properties");
    }
}
