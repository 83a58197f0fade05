package io.instflow.dashboard.feed;

import io.instflow.dashboard.model.BarView;
import io.instflow.dashboard.model.Prices;
import io.instflow.databento.HistoricalClient;
import io.instflow.databento.HistoricalRequest;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.SymbolMap;
import io.instflow.dbn.record.OhlcvDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's fallback history: Databento's 1-minute OHLCV bars of one symbol over a look-back
 * (by default the front NQ future, {@code NQ.c.0}, over four days, which spans a weekend), with
 * 5-minute bars built from them. Used when the topics have nothing to show.
 *
 * @param symbol the symbol requested, in {@code stypeIn}
 */
public record DatabentoHistory(
        HistoricalClient client, String dataset, String symbol, String stypeIn, Duration lookback) {

    private static final int FIVE_MINUTES = 300;

    /** The front NQ future by calendar roll on CME Globex. */
    public static DatabentoHistory frontNq(HistoricalClient client) {
        return new DatabentoHistory(
                client, "GLBX.MDP3", "NQ.c.0", "continuous", Duration.ofDays(4));
    }

    /** What the page names as the source of the bars. */
    public String describe() {
        return "Databento " + dataset + " ohlcv-1m of " + symbol;
    }

    /**
     * The bars of the look-back before {@code now}, 1-minute then 5-minute, named by the response's
     * symbol mappings.
     *
     * @throws RuntimeException with the API's reason when the request fails
     */
    public List<BarView> load(Instant now) {
        List<long[]> rows = new ArrayList<>();
        HistoricalClient.Result result =
                client.getRange(
                        new HistoricalRequest(
                                dataset,
                                "ohlcv-1m",
                                List.of(symbol),
                                stypeIn,
                                now.minus(lookback).toString(),
                                null,
                                null),
                        new RecordHandler() {
                            @Override
                            public void onOhlcv(OhlcvDecoder r) {
                                rows.add(
                                        new long[] {
                                            r.instrumentId(),
                                            r.tsEvent(),
                                            r.open(),
                                            r.high(),
                                            r.low(),
                                            r.close(),
                                            r.volume()
                                        });
                            }
                        });
        SymbolMap names = SymbolMap.fromMetadata(result.metadata());
        List<BarView> minutes = new ArrayList<>();
        for (long[] row : rows) {
            String name = names.symbol(row[0], row[1]);
            minutes.add(
                    new BarView(
                            name != null ? name : symbol,
                            60,
                            row[1] / 1_000_000_000L,
                            Prices.points(row[2]),
                            Prices.points(row[3]),
                            Prices.points(row[4]),
                            Prices.points(row[5]),
                            row[6],
                            0,
                            0,
                            0,
                            0,
                            false));
        }
        List<BarView> all = new ArrayList<>(minutes);
        all.addAll(fiveMinute(minutes));
        return all;
    }

    /** 5-minute bars of the 1-minute bars they cover, per symbol. */
    static List<BarView> fiveMinute(List<BarView> minutes) {
        Map<String, BarView> bars = new TreeMap<>();
        for (BarView m : minutes) {
            long start = Math.floorDiv(m.time(), FIVE_MINUTES) * FIVE_MINUTES;
            bars.merge(
                    m.symbol() + "|" + String.format(Locale.ROOT, "%012d", start),
                    new BarView(
                            m.symbol(),
                            FIVE_MINUTES,
                            start,
                            m.open(),
                            m.high(),
                            m.low(),
                            m.close(),
                            m.volume(),
                            0,
                            0,
                            0,
                            0,
                            false),
                    (earlier, later) ->
                            new BarView(
                                    earlier.symbol(),
                                    FIVE_MINUTES,
                                    start,
                                    earlier.open(),
                                    Math.max(earlier.high(), later.high()),
                                    Math.min(earlier.low(), later.low()),
                                    later.close(),
                                    earlier.volume() + later.volume(),
                                    0,
                                    0,
                                    0,
                                    0,
                                    false));
        }
        return new ArrayList<>(bars.values());
    }
}
