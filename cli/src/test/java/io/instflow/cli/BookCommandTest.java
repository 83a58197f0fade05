package io.instflow.cli;

import io.instflow.testing.SharedTestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BookCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = InstflowCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void shouldPrintEachTopOfBookChangeThenASummary() throws IOException {
        Path file = SharedTestData.file("glbx/nautilus_trader/esh4-glbx-mdp3-20231225.mbo.dbn.zst");
        List<JsonNode> lines = run("book", "--json", "--tick", "0.25", file.toString());
        JsonNode summary = lines.get(lines.size() - 1).get("summary");
        List<JsonNode> tops = lines.subList(0, lines.size() - 1);

        assertThat(summary.get("records").asLong()).isEqualTo(68792);
        assertThat(summary.get("top_of_book_changes").asLong()).isEqualTo(tops.size());
        assertThat(summary.get("crossed_at_last").asLong()).isZero();
        assertThat(summary.get("unknown_cancels").asLong()).isZero();

        List<String> keys = new ArrayList<>();
        tops.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "ts_event",
                        "ts_recv",
                        "instrument_id",
                        "bid_px",
                        "bid_sz",
                        "bid_ct",
                        "ask_px",
                        "ask_sz",
                        "ask_ct");
        long lastRecv = 0;
        for (int i = 0; i < tops.size(); i++) {
            JsonNode top = tops.get(i);
            assertThat(top.get("instrument_id").asLong()).isEqualTo(17077);
            assertThat(top.get("ts_recv").asLong()).isGreaterThanOrEqualTo(lastRecv);
            lastRecv = top.get("ts_recv").asLong();
            if (i > 0) {
                assertThat(top)
                        .as("printed only when changed")
                        .isNotEqualTo(withoutTimes(tops.get(i - 1), top));
            }
        }
        JsonNode last = tops.get(tops.size() - 1);
        assertThat(last.get("bid_px").asLong()).isLessThan(last.get("ask_px").asLong());
    }

    private static JsonNode withoutTimes(JsonNode previous, JsonNode current) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = previous.deepCopy();
        copy.set("ts_event", current.get("ts_event"));
        copy.set("ts_recv", current.get("ts_recv"));
        return copy;
    }

    @Test
    void shouldPrintNothingBeforeAnEventEnds() throws IOException {
        Path file =
                SharedTestData.file("databento/databento-python/GLBX.MDP3/test_data.mbo.dbn.zst");
        List<JsonNode> lines = run("book", "--json", file.toString());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("summary").get("top_of_book_changes").asLong()).isZero();
    }

    @Test
    void shouldPrintNullForAnEmptySide(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        Path file = temp.resolve("bids-only.dbn");
        io.instflow.dbn.Metadata metadata =
                new io.instflow.dbn.Metadata(
                        3,
                        "GLBX.MDP3",
                        0,
                        0,
                        -1L,
                        0,
                        1,
                        0,
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
        org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(64);
        try (io.instflow.dbn.io.DbnWriter writer =
                io.instflow.dbn.io.DbnWriter.create(file, false)) {
            writer.writeMetadata(metadata);
            new io.instflow.dbn.record.MboEncoder()
                    .wrap(buffer, 0)
                    .instrumentId(7)
                    .orderId(1)
                    .price(21_000_250_000_000L)
                    .size(3)
                    .action((byte) 'A')
                    .side((byte) 'B')
                    .flags(io.instflow.dbn.Flags.LAST)
                    .tsRecv(5)
                    .tsEvent(4);
            writer.writeRecord(buffer, 0, 56);
        }
        List<JsonNode> lines = run("book", "--json", file.toString());
        assertThat(lines).hasSize(2);
        JsonNode top = lines.get(0);
        assertThat(top.get("bid_px").asLong()).isEqualTo(21_000_250_000_000L);
        assertThat(top.get("bid_sz").asLong()).isEqualTo(3);
        assertThat(top.get("bid_ct").asLong()).isEqualTo(1);
        assertThat(top.get("ask_px").isNull()).isTrue();
        assertThat(top.get("ask_sz").isNull()).isTrue();
        assertThat(top.get("ask_ct").isNull()).isTrue();
    }

    @Test
    void shouldFilterByInstrument() throws IOException {
        Path file = SharedTestData.file("glbx/nautilus_trader/esh4-glbx-mdp3-20231224.mbo.dbn.zst");
        List<JsonNode> all = run("book", "--json", file.toString());
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("ask_px").isNull()).isFalse();
        List<JsonNode> none = run("book", "--json", "--instrument", "1", file.toString());
        assertThat(none).hasSize(1);
        assertThat(none.get(0).get("summary").get("top_of_book_changes").asLong()).isZero();
    }
}
