package io.instflow.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jars submitted to Flink clusters carry the job and what crosses Kafka, not the connector: no
 * Databento clients, no Barchart client, no ingest service, no simulator, and not Flink itself.
 * Kafka's client stays, with the compression codecs it needs to read any batch on a topic.
 */
class JobJarsITCase {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> FORBIDDEN =
            List.of(
                    "io/instflow/databento/",
                    "io/instflow/barchart/",
                    "io/instflow/ingest/",
                    "io/instflow/simulator/",
                    "io/instflow/cli/",
                    "org/apache/flink/runtime/",
                    "org/apache/flink/streaming/api/");

    @ParameterizedTest
    @ValueSource(strings = {"jobs/ifd", "jobs/shadow", "jobs/strategies"})
    void shouldCarryNoConnectorClasses(String module) throws IOException {
        Path jar = jobJar(ROOT.resolve(module).resolve("target"));
        List<String> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(e -> entries.add(e.getName()));
        }
        assertThat(entries)
                .as("%s", jar)
                .contains("io/instflow/contract/Topics.class")
                .anyMatch(e -> e.startsWith("org/apache/kafka/clients/"));
        for (String prefix : FORBIDDEN) {
            assertThat(entries)
                    .as("%s holds nothing under %s", jar.getFileName(), prefix)
                    .noneMatch(e -> e.startsWith(prefix));
        }
    }

    private static Path jobJar(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "no job jar in "
                                                    + target
                                                    + "; 'mvn package' builds it"));
        }
    }
}
