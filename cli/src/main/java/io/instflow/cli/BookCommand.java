package io.instflow.cli;

import io.instflow.book.BookAnomalies;
import io.instflow.book.MarketBooks;
import io.instflow.book.OrderBook;
import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.collections.Long2ObjectHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code instflow book FILE}: replays MBO records into order books and prints each top-of-book
 * change.
 */
@Command(
        name = "book",
        mixinStandardHelpOptions = true,
        description =
                "Replay an MBO file into order books; print the top of book at every F_LAST where it changed,"
                        + " then a summary with anomaly counts.")
final class BookCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "MBO DBN file (.dbn or .dbn.zst)")
    Path file;

    @Option(names = "--instrument", paramLabel = "ID", description = "Only this instrument id.")
    Long instrument;

    @Option(names = "--json", description = "JSON lines: one per change, then a summary object.")
    boolean json;

    @Option(
            names = "--tick",
            paramLabel = "PRICE",
            description =
                    "Tick size for classifying trades without a side, e.g. 0.25 (default: exact quote match).")
    BigDecimal tick;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long tickE9 = tick == null ? 0 : tick.movePointRight(9).longValueExact();
        MarketBooks books = new MarketBooks(id -> tickE9);
        PrintWriter out = spec.commandLine().getOut();
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        TopPrinter printer = new TopPrinter(books, g, out, json, instrument);
        long records;
        try (DbnReader reader = DbnReader.open(file)) {
            reader.metadata();
            records = reader.readAll(printer);
        }
        BookAnomalies anomalies = books.totalAnomalies();
        if (json) {
            g.writeStartObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("records", records);
            g.writeNumberField("mbo_records", printer.mboRecords);
            g.writeNumberField("instruments", books.size());
            g.writeNumberField("top_of_book_changes", printer.changes);
            g.writeNumberField("unknown_cancels", anomalies.unknownCancels());
            g.writeNumberField("unknown_modifies", anomalies.unknownModifies());
            g.writeNumberField("duplicate_adds", anomalies.duplicateAdds());
            g.writeNumberField("over_cancels", anomalies.overCancels());
            g.writeNumberField("crossed_at_last", anomalies.crossedAtLast());
            g.writeNumberField("maybe_bad_book", anomalies.maybeBadBook());
            g.writeNumberField("invalid_orders", anomalies.invalidOrders());
            g.writeNumberField("crossed_before_open", anomalies.crossedBeforeOpen());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        } else {
            out.printf(
                    Locale.ROOT,
                    "records %d, mbo %d, instruments %d, top-of-book changes %d%n",
                    records,
                    printer.mboRecords,
                    books.size(),
                    printer.changes);
            out.printf(Locale.ROOT, "anomalies: %s%n", anomalies);
        }
        out.flush();
        return 0;
    }

    /** Prints the top of book when it differs from the last one printed for that instrument. */
    private static final class TopPrinter implements RecordHandler {
        private final MarketBooks books;
        private final JsonGenerator g;
        private final PrintWriter out;
        private final boolean json;
        private final Long only;
        private final Long2ObjectHashMap<long[]> lastTop = new Long2ObjectHashMap<>();
        private final long[] top = new long[6];
        long changes;
        long mboRecords;

        TopPrinter(MarketBooks books, JsonGenerator g, PrintWriter out, boolean json, Long only) {
            this.books = books;
            this.g = g;
            this.out = out;
            this.json = json;
            this.only = only;
        }

        @Override
        public void onMbo(MboDecoder r) {
            mboRecords++;
            if (only != null && r.instrumentId() != only) {
                return;
            }
            if ((books.apply(r) & OrderBook.OBSERVABLE) == 0) {
                return;
            }
            OrderBook book = books.lastBook();
            top[0] = book.bidPrice();
            top[1] = book.bidSize();
            top[2] = book.bidCount();
            top[3] = book.askPrice();
            top[4] = book.askSize();
            top[5] = book.askCount();
            long[] previous = lastTop.get(r.instrumentId());
            if (previous != null && java.util.Arrays.equals(previous, top)) {
                return;
            }
            lastTop.put(r.instrumentId(), top.clone());
            changes++;
            try {
                print(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void print(MboDecoder r) throws IOException {
            if (!json) {
                out.printf(
                        Locale.ROOT,
                        "%s %d  bid %s x %d (%d)  ask %s x %d (%d)%n",
                        Long.toUnsignedString(r.tsRecv()),
                        r.instrumentId(),
                        price(top[0]),
                        top[1],
                        top[2],
                        price(top[3]),
                        top[4],
                        top[5]);
                return;
            }
            g.writeStartObject();
            g.writeNumberField("ts_event", r.tsEvent());
            g.writeNumberField("ts_recv", r.tsRecv());
            g.writeNumberField("instrument_id", r.instrumentId());
            side("bid", top[0], top[1], top[2]);
            side("ask", top[3], top[4], top[5]);
            g.writeEndObject();
            g.writeRaw('\n');
        }

        private void side(String name, long px, long sz, long ct) throws IOException {
            if (px == DbnConstants.UNDEF_PRICE) {
                g.writeNullField(name + "_px");
                g.writeNullField(name + "_sz");
                g.writeNullField(name + "_ct");
            } else {
                g.writeNumberField(name + "_px", px);
                g.writeNumberField(name + "_sz", sz);
                g.writeNumberField(name + "_ct", ct);
            }
        }

        private static String price(long px) {
            return px == DbnConstants.UNDEF_PRICE
                    ? "-"
                    : BigDecimal.valueOf(px, 9).stripTrailingZeros().toPlainString();
        }
    }
}
