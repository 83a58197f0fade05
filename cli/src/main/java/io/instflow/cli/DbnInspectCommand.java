package io.instflow.cli;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.DbnSummary;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.SType;
import io.instflow.dbn.io.DbnReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code instflow dbn inspect FILE [--json]}: what a DBN file holds. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Summarise a DBN file: header, records by type, instruments, time range, actions and sides.")
final class DbnInspectCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description =
                    "DBN file (.dbn, .dbn.zst; .frag for records without metadata); - reads"
                            + " standard input")
    Path file;

    @Option(names = "--json", description = "Print one JSON object (timestamps as integer ns).")
    boolean json;

    @Mixin DbnInputOutput io;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        DbnSummary summary = new DbnSummary();
        Metadata metadata;
        try (DbnReader reader = DbnInputOutput.open(file)) {
            metadata = reader.metadata();
            reader.readAll(summary);
        }
        PrintWriter out = io.writer(spec);
        if (json) {
            printJson(out, metadata, summary);
        } else {
            printText(out, metadata, summary);
        }
        io.finish(out);
        return 0;
    }

    private void printText(PrintWriter out, Metadata m, DbnSummary s) {
        out.printf(Locale.ROOT, "file         %s%n", file);
        if (m == null) {
            out.println("metadata     none (fragment)");
        } else {
            out.printf(Locale.ROOT, "version      %d%n", m.version());
            out.printf(Locale.ROOT, "dataset      %s%n", m.dataset());
            out.printf(
                    Locale.ROOT,
                    "schema       %s%n",
                    m.schemaName() == null ? "mixed" : m.schemaName());
            out.printf(Locale.ROOT, "start        %s%n", time(m.start()));
            out.printf(Locale.ROOT, "end          %s%n", time(m.end()));
            out.printf(
                    Locale.ROOT,
                    "stype        %s -> %s%n",
                    stype(m.stypeIn()),
                    stype(m.stypeOut()));
            out.printf(
                    Locale.ROOT,
                    "symbols      %s%n",
                    m.symbols().isEmpty() ? "-" : String.join(", ", m.symbols()));
            out.printf(Locale.ROOT, "mappings     %d%n", m.mappings().size());
        }
        out.printf(Locale.ROOT, "records      %d%n", s.records());
        s.byType().forEach((type, n) -> out.printf(Locale.ROOT, "  %-16s %d%n", type, n));
        out.printf(Locale.ROOT, "instruments  %d%n", s.distinctInstruments());
        out.printf(Locale.ROOT, "first event  %s%n", time(s.firstTsEvent()));
        out.printf(Locale.ROOT, "last event   %s%n", time(s.lastTsEvent()));
        printCounts(out, "actions", s.actions());
        printCounts(out, "sides", s.sides());
        printCounts(out, "flags", s.flags());
    }

    private static void printCounts(PrintWriter out, String label, Map<String, Long> counts) {
        if (!counts.isEmpty()) {
            StringBuilder line = new StringBuilder();
            counts.forEach(
                    (k, v) ->
                            line.append(line.length() == 0 ? "" : " ")
                                    .append(k)
                                    .append('=')
                                    .append(v));
            out.printf(Locale.ROOT, "%-12s %s%n", label, line);
        }
    }

    private static String stype(int id) {
        String name = SType.nameOf(id);
        return name == null ? "none" : name;
    }

    private static String time(long ns) {
        if (ns == DbnConstants.UNDEF_TIMESTAMP) {
            return "-";
        }
        return Instant.ofEpochSecond(
                        Long.divideUnsigned(ns, 1_000_000_000L),
                        Long.remainderUnsigned(ns, 1_000_000_000L))
                + " ("
                + Long.toUnsignedString(ns)
                + ")";
    }

    private void printJson(PrintWriter out, Metadata m, DbnSummary s) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            if (m == null) {
                g.writeNullField("version");
                g.writeNullField("dataset");
                g.writeNullField("schema");
                g.writeNullField("start");
                g.writeNullField("end");
                g.writeNullField("stype_in");
                g.writeNullField("stype_out");
            } else {
                g.writeNumberField("version", m.version());
                g.writeStringField("dataset", m.dataset());
                g.writeStringField("schema", m.schemaName());
                unsignedField(g, "start", m.start());
                unsignedField(g, "end", m.end());
                g.writeStringField("stype_in", SType.nameOf(m.stypeIn()));
                g.writeStringField("stype_out", SType.nameOf(m.stypeOut()));
                g.writeArrayFieldStart("symbols");
                for (String symbol : m.symbols()) {
                    g.writeString(symbol);
                }
                g.writeEndArray();
            }
            g.writeNumberField("records", s.records());
            countsField(g, "by_type", s.byType());
            g.writeNumberField("instruments", s.distinctInstruments());
            unsignedField(g, "first_ts_event", s.firstTsEvent());
            unsignedField(g, "last_ts_event", s.lastTsEvent());
            countsField(g, "actions", s.actions());
            countsField(g, "sides", s.sides());
            countsField(g, "flags", s.flags());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unsignedField(JsonGenerator g, String name, long value) throws IOException {
        if (value == DbnConstants.UNDEF_TIMESTAMP) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            g.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    private static void countsField(JsonGenerator g, String name, Map<String, Long> counts)
            throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
