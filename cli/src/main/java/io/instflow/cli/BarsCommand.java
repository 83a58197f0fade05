package io.instflow.cli;

import io.instflow.book.Aggressor;
import io.instflow.book.MarketBooks;
import io.instflow.book.OrderBook;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.SymbolMap;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.Mbp10Decoder;
import io.instflow.dbn.record.Mbp1Decoder;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.dbn.record.TradeFieldsDecoder;
import io.instflow.ifd.logic.BarAggregator;
import io.instflow.ifd.model.BarState;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code instflow bars FILE}: OHLCV bars with buy and sell volume from the trades of a trades, MBP
 * or MBO file, aggregated as the IFD job aggregates its futures bars. Trades of an MBO file are
 * classified by the rebuilt book, as in the job.
 */
@Command(
        name = "bars",
        mixinStandardHelpOptions = true,
        description =
                "OHLCV bars with buy/sell volume from a trades, MBP-1, MBP-10 or MBO file, built by the IFD job's "
                        + "bar code; bars labelled by their start, minutes without trades skipped.")
final class BarsCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FILE", description = "DBN file (.dbn or .dbn.zst)")
    Path file;

    @Option(
            names = "--minutes",
            defaultValue = "1",
            description = "Bar length in minutes (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
            names = "--json",
            description = "One JSON object per bar; prices as integers in 1e-9 units.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        BarAggregator bars;
        try {
            bars = new BarAggregator(minutes);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--minutes: " + e.getMessage());
        }
        SymbolMap symbols;
        try (DbnReader reader = DbnReader.open(file)) {
            symbols = SymbolMap.fromMetadata(reader.metadata());
            reader.readAll(new TradeCollector(bars));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %-10s %12s %12s %12s %12s %8s %8s %8s %7s%n",
                    "start (UTC)",
                    "symbol",
                    "open",
                    "high",
                    "low",
                    "close",
                    "volume",
                    "buy",
                    "sell",
                    "trades");
        }
        for (BarAggregator.Bar bar : bars.bars()) {
            String symbol = symbols.symbol(bar.instrumentId(), bar.startNs());
            String name = symbol == null ? Long.toString(bar.instrumentId()) : symbol;
            BarState b = bar.state();
            if (json) {
                out.println(
                        MAPPER.createObjectNode()
                                .put("instrument_id", bar.instrumentId())
                                .put("raw_symbol", symbol)
                                .put("start_ns", bar.startNs())
                                .put("open", b.open)
                                .put("high", b.high)
                                .put("low", b.low)
                                .put("close", b.close)
                                .put("volume", b.volume)
                                .put("buy_volume", b.buyVolume)
                                .put("sell_volume", b.sellVolume)
                                .put("trades", b.trades));
            } else {
                out.printf(
                        Locale.ROOT,
                        "%-20s %-10s %12s %12s %12s %12s %8d %8d %8d %7d%n",
                        java.time.Instant.ofEpochSecond(bar.startNs() / 1_000_000_000L)
                                .toString()
                                .replace("T", " ")
                                .replace("Z", ""),
                        name,
                        price(b.open),
                        price(b.high),
                        price(b.low),
                        price(b.close),
                        b.volume,
                        b.buyVolume,
                        b.sellVolume,
                        b.trades);
            }
        }
        out.flush();
        return 0;
    }

    private static String price(long e9) {
        return java.math.BigDecimal.valueOf(e9, 9).stripTrailingZeros().toPlainString();
    }

    /** Trades from every record type that carries them, with their aggressor side. */
    private static final class TradeCollector implements RecordHandler {
        private final BarAggregator bars;
        private final MarketBooks books = new MarketBooks(id -> 0);

        TradeCollector(BarAggregator bars) {
            this.bars = bars;
        }

        @Override
        public void onTrade(TradeDecoder r) {
            add(r);
        }

        @Override
        public void onMbp1(Mbp1Decoder r) {
            add(r);
        }

        @Override
        public void onMbp10(Mbp10Decoder r) {
            add(r);
        }

        @Override
        public void onMbo(MboDecoder r) {
            if ((books.apply(r) & OrderBook.TRADE) != 0) {
                OrderBook book = books.lastBook();
                bars.add(
                        r.instrumentId(),
                        r.tsEvent(),
                        book.lastTradePrice(),
                        book.lastTradeSize(),
                        book.lastTradeAggressor());
            }
        }

        private void add(TradeFieldsDecoder r) {
            if (r.action() != 'T' || r.size() == 0) {
                return;
            }
            int aggressor =
                    r.side() == 'B'
                            ? Aggressor.BUY
                            : r.side() == 'A' ? Aggressor.SELL : Aggressor.UNKNOWN;
            bars.add(r.instrumentId(), r.tsEvent(), r.price(), r.size(), aggressor);
        }
    }
}
