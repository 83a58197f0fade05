package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.json.DbnJsonWriter;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Our JSON rendering is byte-identical to the renderings databento-python's tests assert. */
class VendorRenderingTest {

    @ParameterizedTest(name = "{0} pretty={1}")
    @CsvSource({
        "test_data.mbo.dbn.zst, false, test_data.mbo.jsonl",
        "test_data.mbo.dbn.zst, true, test_data.mbo.pretty.jsonl",
        "test_data.mbp-1.dbn.zst, false, test_data.mbp-1.jsonl",
        "test_data.mbp-1.dbn.zst, true, test_data.mbp-1.pretty.jsonl"
    })
    void shouldRenderExactlyAsDatabento(String input, boolean pretty, String expectedFile)
            throws IOException {
        Path dir = SharedTestData.require().resolve("databento/databento-python/GLBX.MDP3");
        String expected =
                Files.readString(
                        dir.resolve("expected").resolve(expectedFile), StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(dir.resolve(input))) {
            Metadata metadata = reader.metadata();
            try (DbnJsonWriter writer =
                    new DbnJsonWriter(out, pretty, false, SymbolMap.fromMetadata(metadata))) {
                reader.readAll(writer);
            }
        }
        String actual = out.toString(StandardCharsets.UTF_8);
        assertThat(actual.strip()).isEqualTo(expected.strip());
        assertThat(actual).endsWith("\n");
    }
}
