package io.instflow.dbn;

import io.instflow.dbn.io.DbnReader;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real GLBX file decodes, and its summary (records by type, distinct instruments, first and
 * last ts_event, actions, sides, flags) equals the figures in that folder's README table, which an
 * independent decoder produced.
 */
class GlbxFilesTest {

    private static final Pattern COUNT = Pattern.compile("([A-Z_]+)=(\\d+)");

    record Row(
            String file,
            Map<String, Long> byType,
            int instruments,
            long firstTs,
            long lastTs,
            String details) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Row> rows() throws IOException {
        Path readme = SharedTestData.file("glbx/README.md");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String file = cells[1].trim().replace("`", "");
            Map<String, Long> byType = new LinkedHashMap<>();
            for (String part : cells[10].trim().split(",")) {
                String[] words = part.trim().split(" ");
                String name = words[0].equals("mbp-0(trades)") ? "trades" : words[0];
                byType.put(name, Long.parseLong(words[words.length - 1]));
            }
            rows.add(
                    new Row(
                            file,
                            byType,
                            Integer.parseInt(cells[11].trim()),
                            nanos(cells[12]),
                            nanos(cells[13]),
                            cells[14].trim()));
        }
        assertThat(rows).as("README rows").hasSizeGreaterThanOrEqualTo(20);
        return rows;
    }

    private static long nanos(String cell) {
        String[] parts = cell.trim().split("\\.");
        LocalDateTime t = LocalDateTime.parse(parts[0].replace(' ', 'T'));
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + Long.parseLong(parts[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldMatchTheReadmeFigures(Row row) {
        DbnSummary summary = new DbnSummary();
        try (DbnReader reader =
                DbnReader.open(SharedTestData.require().resolve("glbx").resolve(row.file()))) {
            reader.metadata();
            reader.readAll(summary);
        }
        assertThat(summary.byType()).isEqualTo(row.byType());
        assertThat(summary.distinctInstruments()).isEqualTo(row.instruments());
        assertThat(summary.firstTsEvent()).isEqualTo(row.firstTs());
        assertThat(summary.lastTsEvent()).isEqualTo(row.lastTs());
        for (String section : row.details().split(";")) {
            String s = section.trim();
            if (s.startsWith("actions")) {
                assertThat(summary.actions()).isEqualTo(counts(s));
            } else if (s.startsWith("sides")) {
                assertThat(summary.sides()).isEqualTo(counts(s));
            } else if (s.startsWith("flags")) {
                Map<String, Long> flags = new LinkedHashMap<>(summary.flags());
                assertThat(flags).containsAllEntriesOf(counts(s));
            }
        }
    }

    private static Map<String, Long> counts(String section) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = COUNT.matcher(section);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
