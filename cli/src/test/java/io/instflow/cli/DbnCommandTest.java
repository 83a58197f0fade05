package io.instflow.cli;

import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DbnCommandTest {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = InstflowCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "cat {1} {0}")
    @CsvSource({
        "test_data.mbo.dbn.zst, '', test_data.mbo.jsonl",
        "test_data.mbo.dbn.zst, --pretty, test_data.mbo.pretty.jsonl",
        "test_data.mbp-1.dbn.zst, '', test_data.mbp-1.jsonl",
        "test_data.mbp-1.dbn.zst, --pretty, test_data.mbp-1.pretty.jsonl"
    })
    void catShouldPrintTheVendorRenderingByteForByte(String input, String option, String expected)
            throws IOException {
        Path dir = SharedTestData.require().resolve("databento/databento-python/GLBX.MDP3");
        Result result =
                option.isEmpty()
                        ? run("dbn", "cat", dir.resolve(input).toString())
                        : run("dbn", "cat", option, dir.resolve(input).toString());
        assertThat(result.code()).isZero();
        assertThat(result.out().strip())
                .isEqualTo(
                        Files.readString(
                                        dir.resolve("expected").resolve(expected),
                                        StandardCharsets.UTF_8)
                                .strip());
    }

    @Test
    void catShouldReadStandardInputAndWriteTheVendorRenderingToAFile(@TempDir Path tmp)
            throws IOException {
        Path dir = SharedTestData.require().resolve("databento/databento-python/GLBX.MDP3");
        Path out = tmp.resolve("mbo.jsonl");
        java.io.InputStream stdin = System.in;
        Result result;
        try (java.io.InputStream file =
                Files.newInputStream(dir.resolve("test_data.mbo.dbn.zst"))) {
            System.setIn(file);
            result = run("dbn", "cat", "-", "-o", out.toString());
        } finally {
            System.setIn(stdin);
        }
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(out).strip())
                .isEqualTo(Files.readString(dir.resolve("expected/test_data.mbo.jsonl")).strip());
    }

    @Test
    void catShouldStopAtTheLimit() {
        Path file = SharedTestData.file("glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst");
        Result result = run("dbn", "cat", "--limit", "3", file.toString());
        assertThat(result.out().lines()).hasSize(3);
    }

    @Test
    void inspectJsonShouldReportTheFileAsItsReadmeDoes() throws IOException {
        Path file = SharedTestData.file("glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst");
        Result result = run("dbn", "inspect", "--json", file.toString());
        assertThat(result.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("dataset").asText()).isEqualTo("GLBX.MDP3");
        assertThat(json.get("schema").asText()).isEqualTo("mbo");
        assertThat(json.get("start").asLong()).isEqualTo(1703462400000000000L);
        assertThat(json.get("end").asLong()).isEqualTo(1703548800000000000L);
        assertThat(json.get("records").asLong()).isEqualTo(68792);
        assertThat(json.get("by_type").get("mbo").asLong()).isEqualTo(68792);
        assertThat(json.get("instruments").asInt()).isEqualTo(1);
        assertThat(json.get("first_ts_event").asLong()).isEqualTo(1703422805243925307L);
        assertThat(json.get("last_ts_event").asLong()).isEqualTo(1703548799446724905L);
        assertThat(json.get("actions").toString())
                .isEqualTo("{\"A\":29216,\"C\":17999,\"F\":6371,\"M\":12233,\"T\":2973}");
        assertThat(json.get("sides").toString()).isEqualTo("{\"A\":32398,\"B\":36358,\"N\":36}");
    }

    @Test
    void inspectShouldDescribeAFragment() {
        Path file = SharedTestData.file("databento/dbn/multi-frame.definition.v1.dbn.frag.zst");
        Result result = run("dbn", "inspect", file.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out())
                .contains("metadata     none (fragment)")
                .contains("definition       8");
    }

    @Test
    void shouldRejectDbzWithAClearMessage() {
        Path file = SharedTestData.file("databento/dbn/test_data.mbo.dbz");
        Result result = run("dbn", "inspect", file.toString());
        assertThat(result.code()).isEqualTo(InstflowCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).startsWith("error: ").contains("legacy DBZ format");
    }

    @Test
    void shouldNameAMissingFile() {
        Result result = run("dbn", "cat", "no-such-file.dbn.zst");
        assertThat(result.code()).isEqualTo(InstflowCommand.EXIT_IO);
        assertThat(result.err()).contains("file not found: no-such-file.dbn.zst");
    }

    @Test
    void shouldReportATruncatedFile(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        byte[] whole =
                Files.readAllBytes(SharedTestData.file("databento/dbn/test_data.mbo.v3.dbn"));
        Path cut = temp.resolve("cut.dbn");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 5));
        Result result = run("dbn", "cat", cut.toString());
        assertThat(result.code()).isEqualTo(InstflowCommand.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("truncated record").contains("51 of 56 bytes");
    }
}
