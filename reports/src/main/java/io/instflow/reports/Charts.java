package io.instflow.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.OHLCChart;
import org.knowm.xchart.OHLCChartBuilder;
import org.knowm.xchart.OHLCSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's charts as PNG files, drawn with XChart at fixed sizes. */
public final class Charts {

    public static final int CANDLES_WIDTH = 1200;
    public static final int CANDLES_HEIGHT = 520;
    public static final int LADDER_WIDTH = 1200;
    public static final int LADDER_HEIGHT = 460;
    public static final int PNL_WIDTH = 1200;
    public static final int PNL_HEIGHT = 420;
    public static final int HIT_RATE_WIDTH = 900;
    public static final int HIT_RATE_HEIGHT = 420;

    static final Color LONG = new Color(0x1b, 0x9e, 0x4b);
    static final Color SHORT = new Color(0xd6, 0x27, 0x28);
    private static final Map<String, Double> TIER_SCALE =
            Map.of("MODERATE", 1.0, "HIGH", 1.4, "VERY_HIGH", 1.8, "EXTREME", 2.3);

    private Charts() {}

    /**
     * 5-minute candles of one future with the day's signals on their bars: colour by direction,
     * size by tier.
     */
    private static final long BAR_MS = 300_000;

    static void candles(Path file, String symbol, List<JsonNode> bars, List<JsonNode> signals)
            throws IOException {
        OHLCChart chart =
                new OHLCChartBuilder()
                        .width(CANDLES_WIDTH)
                        .height(CANDLES_HEIGHT)
                        .title(symbol + " 5-minute bars with institutional-flow signals")
                        .xAxisTitle("time (UTC)")
                        .yAxisTitle("price")
                        .build();
        style(chart.getStyler());
        chart.getStyler().setDatePattern("HH:mm");
        chart.getStyler().setMarkerSize(9);
        List<Date> x = new ArrayList<>();
        List<Double> open = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        TreeMap<Long, Double> closeByStart = new TreeMap<>();
        for (JsonNode b : bars) {
            x.add(new Date(b.path("start_ns").asLong() / 1_000_000L));
            open.add(b.path("open").asLong() / 1e9);
            high.add(b.path("high").asLong() / 1e9);
            low.add(b.path("low").asLong() / 1e9);
            close.add(b.path("close").asLong() / 1e9);
            closeByStart.put(b.path("start_ns").asLong(), b.path("close").asLong() / 1e9);
        }
        OHLCSeries candles = chart.addSeries(symbol, x, open, high, low, close);
        if (!x.isEmpty()) {
            // a bar's length of room at each end, so the first and last candles are drawn whole
            chart.getStyler().setXAxisMin((double) x.get(0).getTime() - BAR_MS);
            chart.getStyler().setXAxisMax((double) x.get(x.size() - 1).getTime() + BAR_MS);
        }
        candles.setUpColor(new Color(0x4a, 0x90, 0xd9)).setDownColor(new Color(0x55, 0x55, 0x55));
        Map<String, List<Date>> markerX = new LinkedHashMap<>();
        Map<String, List<Double>> markerY = new LinkedHashMap<>();
        for (JsonNode s : signals) {
            var bar = closeByStart.floorEntry(s.path("window_start_ns").asLong());
            if (bar == null) {
                continue;
            }
            String key = s.path("direction").asText() + " " + s.path("tier").asText();
            markerX.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Date(s.path("window_start_ns").asLong() / 1_000_000L));
            markerY.computeIfAbsent(key, k -> new ArrayList<>()).add(bar.getValue());
        }
        for (String key : markerX.keySet()) {
            boolean isLong = key.startsWith("LONG");
            OHLCSeries m = chart.addSeries(key, markerX.get(key), markerY.get(key));
            m.setOhlcSeriesRenderStyle(OHLCSeries.OHLCSeriesRenderStyle.Line);
            m.setLineStyle(SeriesLines.NONE);
            m.setMarker(
                    new ScaledMarker(
                            isLong ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN,
                            TIER_SCALE.getOrDefault(key.substring(key.indexOf(' ') + 1), 1.0)));
            m.setMarkerColor(isLong ? LONG : SHORT);
            m.setLineColor(new Color(0, 0, 0, 0));
        }
        save(chart, file);
    }

    /** Buy and sell volume of calls and puts per strike over the session. */
    static void pressureLadder(Path file, List<JsonNode> pressure) throws IOException {
        TreeMap<Double, long[]> byStrike = new TreeMap<>();
        for (JsonNode p : pressure) {
            long[] v = byStrike.computeIfAbsent(p.path("strike").asDouble(), k -> new long[4]);
            int at = "CALL".equals(p.path("option_type").asText()) ? 0 : 2;
            v[at] += p.path("buy_volume").asLong();
            v[at + 1] += p.path("sell_volume").asLong();
        }
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(LADDER_WIDTH)
                        .height(LADDER_HEIGHT)
                        .title("Per-strike pressure over the session (all expirations)")
                        .xAxisTitle("strike")
                        .yAxisTitle("contracts")
                        .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(60);
        List<String> strikes = new ArrayList<>();
        byStrike.keySet()
                .forEach(
                        k -> strikes.add(k % 1 == 0 ? Long.toString(k.longValue()) : k.toString()));
        String[] names = {"calls bought", "calls sold", "puts bought", "puts sold"};
        Color[] colors = {LONG, new Color(0x9b, 0xd4, 0xa9), SHORT, new Color(0xf0, 0xa3, 0xa3)};
        for (int i = 0; i < names.length; i++) {
            List<Long> values = new ArrayList<>();
            for (long[] v : byStrike.values()) {
                values.add(v[i]);
            }
            chart.addSeries(names[i], strikes, values).setFillColor(colors[i]);
        }
        save(chart, file);
    }

    /** Cumulative paper P&L of each side at one horizon, signal by signal in time order. */
    static void cumulativePnl(
            Path file, Map<String, List<OutcomeTable.PnlPoint>> sides, int horizon)
            throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(PNL_WIDTH)
                        .height(PNL_HEIGHT)
                        .title(
                                "Cumulative paper P&L at +"
                                        + horizon
                                        + " minutes (USD, after costs)")
                        .xAxisTitle("judged signals, in time order")
                        .yAxisTitle("USD")
                        .build();
        style(chart.getStyler());
        Color[] colors = {new Color(0x1f, 0x4e, 0x9c), new Color(0xe0, 0x8a, 0x1e)};
        int i = 0;
        for (Map.Entry<String, List<OutcomeTable.PnlPoint>> side : sides.entrySet()) {
            if (side.getValue().isEmpty()) {
                continue;
            }
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (OutcomeTable.PnlPoint p : side.getValue()) {
                x.add(x.size() + 1);
                y.add(p.cumulativeUsd());
            }
            XYSeries s = chart.addSeries(side.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[i % colors.length]);
            s.setLineColor(colors[i % colors.length]);
            i++;
        }
        save(chart, file);
    }

    /** Equity after each round trip, one line per strategy (and side). */
    static void equityCurves(Path file, Map<String, List<Double>> curves) throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(PNL_WIDTH)
                        .height(PNL_HEIGHT)
                        .title("Paper strategies: equity (USD, after costs)")
                        .xAxisTitle("round trips, in the order they closed")
                        .yAxisTitle("USD")
                        .build();
        style(chart.getStyler());
        for (Map.Entry<String, List<Double>> curve : curves.entrySet()) {
            if (curve.getValue().isEmpty()) {
                continue;
            }
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            x.add(0);
            y.add(0.0);
            for (double equity : curve.getValue()) {
                x.add(x.size());
                y.add(equity);
            }
            chart.addSeries(curve.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no round trips", List.of(0), List.of(0.0));
        }
        save(chart, file);
    }

    /** Hit rate by horizon, one bar series per side. */
    static void hitRates(Path file, Map<String, Map<Integer, Double>> bySide) throws IOException {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(HIT_RATE_WIDTH)
                        .height(HIT_RATE_HEIGHT)
                        .title("Hit rate by horizon")
                        .xAxisTitle("horizon")
                        .yAxisTitle("hit rate")
                        .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        Color[] colors = {new Color(0x1f, 0x4e, 0x9c), new Color(0xe0, 0x8a, 0x1e)};
        int i = 0;
        for (Map.Entry<String, Map<Integer, Double>> side : bySide.entrySet()) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            side.getValue()
                    .forEach(
                            (h, rate) -> {
                                x.add("+" + h + " min");
                                y.add(rate);
                            });
            chart.addSeries(side.getKey(), x, y).setFillColor(colors[i++ % colors.length]);
        }
        save(chart, file);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setAntiAlias(true);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
