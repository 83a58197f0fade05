package io.instflow.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The current schemas read data written with every released schema: a change that breaks old data
 * (a new field without a default, a removed enum symbol, a changed type) fails the build.
 */
class SchemaCompatibilityTest {

    private static final List<String> IMPORT_ORDER =
            List.of("Components.avsc", "PressureMetrics.avsc", "Signal.avsc");

    static Stream<Path> releases() throws IOException, URISyntaxException {
        Path compat = Paths.get(SchemaCompatibilityTest.class.getResource("/compat").toURI());
        try (Stream<Path> dirs = Files.list(compat)) {
            return dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList()).stream();
        }
    }

    @ParameterizedTest(name = "release {0}")
    @MethodSource("releases")
    void shouldReadDataWrittenWithEveryReleasedSchema(Path release) throws IOException {
        Map<String, Schema> released = parseAll(release);
        assertThat(released).isNotEmpty();
        for (Class<? extends SpecificRecord> type : TopicSchemas.ALL) {
            Schema current = SpecificData.get().getSchema(type);
            Schema old = released.get(current.getFullName());
            if (old == null) {
                continue;
            }
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old);
            assertThat(result.getType())
                    .as(
                            "%s cannot read data written with release %s: %s",
                            current.getName(),
                            release.getFileName(),
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            Random random = new Random(7);
            AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(type).acceptWriterSchema(old);
            byte[] oldBytes =
                    new org.apache.avro.message.BinaryMessageEncoder<GenericData.Record>(
                                    GenericData.get(), old)
                            .encode((GenericData.Record) RandomRecords.value(old, random))
                            .array();
            assertThat(serde.deserialize(oldBytes)).isNotNull();
        }
    }

    @Test
    void shouldDetectAChangeThatBreaksOldData() {
        Schema current = SpecificData.get().getSchema(io.instflow.avro.Bar.class);
        String json =
                current.toString()
                        .replace(
                                "{\"name\":\"degraded\"",
                                "{\"name\":\"venue\",\"type\":\"string\",\"doc\":\"added without a default\"},{\"name\":\"degraded\"");
        Schema withoutDefault = new Schema.Parser().parse(json);
        assertThat(withoutDefault.getField("venue")).isNotNull();
        assertThat(
                        SchemaCompatibility.checkReaderWriterCompatibility(withoutDefault, current)
                                .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Map<String, Schema> parseAll(Path dir) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        List<Path> files = new ArrayList<>();
        for (String name : IMPORT_ORDER) {
            files.add(dir.resolve(name));
        }
        try (Stream<Path> all = Files.list(dir)) {
            all.filter(p -> p.toString().endsWith(".avsc") && !files.contains(p))
                    .sorted()
                    .forEach(files::add);
        }
        for (Path file : files) {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    parser.parse(in);
                }
            }
        }
        return parser.getTypes();
    }
}
