package io.instflow.dbn;

import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every DBN sample from Databento's own repositories decodes to its last byte, and every field of
 * the metadata and of every record equals the independent reference decoding in {@code
 * expected-decoded.json}.
 */
class VendorFilesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> samples() throws IOException {
        Path root = SharedTestData.require().resolve("databento");
        JsonNode expected = MAPPER.readTree(root.resolve("expected-decoded.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.startsWith("_")) {
                out.add(Arguments.of(name, root.resolve(name), expected.get(name)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldDecodeEveryFieldAsTheReferenceDecoderDoes(
            String name, Path file, JsonNode expected) {
        assertThat(Files.isRegularFile(file)).as("sample %s present", name).isTrue();
        FlattenedRecords decoded = FlattenedRecords.read(file);

        assertThat(decoded.bytesConsumed)
                .as("decoded to the last byte")
                .isEqualTo(expected.get("decompressed_bytes").asLong());
        assertThat(decoded.records).hasSize(expected.get("n_records").asInt());
        assertThat(decoded.unknownRecords).isZero();
        if (expected.get("has_metadata").asBoolean()) {
            assertMetadata(decoded.metadata, expected.get("metadata"));
        } else {
            assertThat(decoded.metadata).isNull();
        }
        int version = expected.get("dbn_version").asInt();
        JsonNode records = expected.get("records");
        for (int i = 0; i < records.size(); i++) {
            assertRecord(name + " record " + i, version, decoded.records.get(i), records.get(i));
        }
    }

    private static void assertRecord(
            String where, int version, Map<String, String> actual, JsonNode expected) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String want = field.getValue().asText();
            if (key.equals("quantity") && version < 3 && want.equals("2147483647")) {
                want = Long.toString(Long.MAX_VALUE);
            }
            assertThat(actual).as("%s has field %s", where, key).containsKey(key);
            assertThat(actual.get(key)).as("%s field %s", where, key).isEqualTo(want);
        }
    }

    private static void assertMetadata(Metadata m, JsonNode e) {
        assertThat(m.version()).isEqualTo(e.get("version").asInt());
        assertThat(m.dataset()).isEqualTo(e.get("dataset").asText());
        assertThat(m.schemaName())
                .isEqualTo(e.get("schema").isNull() ? null : e.get("schema").asText());
        assertThat(Long.toUnsignedString(m.start())).isEqualTo(e.get("start").asText());
        assertThat(Long.toUnsignedString(m.end())).isEqualTo(e.get("end").asText());
        assertThat(m.limit()).isEqualTo(e.get("limit").asLong());
        assertThat(SType.nameOf(m.stypeIn()))
                .isEqualTo(e.get("stype_in").isNull() ? null : e.get("stype_in").asText());
        assertThat(SType.nameOf(m.stypeOut())).isEqualTo(e.get("stype_out").asText());
        assertThat(m.tsOut()).isEqualTo(e.get("ts_out").asBoolean());
        assertThat(m.symbolCstrLen()).isEqualTo(e.get("symbol_cstr_len").asInt());
        assertThat(m.symbols()).containsExactlyElementsOf(texts(e.get("symbols")));
        assertThat(m.partial()).containsExactlyElementsOf(texts(e.get("partial")));
        assertThat(m.notFound()).containsExactlyElementsOf(texts(e.get("not_found")));
        JsonNode mappings = e.get("mappings");
        assertThat(m.mappings()).hasSize(mappings.size());
        for (int i = 0; i < mappings.size(); i++) {
            Metadata.SymbolMapping actual = m.mappings().get(i);
            JsonNode want = mappings.get(i);
            assertThat(actual.rawSymbol()).isEqualTo(want.get("raw_symbol").asText());
            JsonNode intervals = want.get("intervals");
            assertThat(actual.intervals()).hasSize(intervals.size());
            for (int j = 0; j < intervals.size(); j++) {
                JsonNode interval = intervals.get(j);
                assertThat(actual.intervals().get(j))
                        .isEqualTo(
                                new Metadata.MappingInterval(
                                        interval.get("start_date").asInt(),
                                        interval.get("end_date").asInt(),
                                        interval.get("symbol").asText()));
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
