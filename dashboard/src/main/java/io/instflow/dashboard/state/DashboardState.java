package io.instflow.dashboard.state;

import io.instflow.avro.Bar;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.avro.StrategyTrade;
import io.instflow.dashboard.model.BarView;
import io.instflow.dashboard.model.PressureView;
import io.instflow.dashboard.model.SignalView;
import io.instflow.dashboard.model.StrategyView;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the dashboard knows, fed by the topic reader and read by the web server: bars (closed
 * and forming), signals, ladders and health, plus when data last arrived and whether what is shown
 * is live or history ({@link Mode}). Changes since the last {@link #drainUpdate} are collected so
 * that the page receives one small update per batch of records rather than the whole state.
 * Thread-safe.
 */
public final class DashboardState {

    /** Round trips of each strategy's equity curve the page draws. */
    static final int STRATEGY_CURVE_POINTS = 200;

    /**
     * What the page shows: history still loading; live data (a record arrived within the stale
     * threshold); or history only, because Kafka is unreachable or nothing live has arrived.
     */
    public enum Mode {
        LOADING,
        LIVE,
        HISTORICAL
    }

    /** The whole state, sent to a page when it connects. Times in ms since the epoch. */
    public record Snapshot(
            long serverTimeMs,
            Mode mode,
            boolean historyLoaded,
            long quietForMs,
            Long lastLiveRecordAtMs,
            String kafkaProblem,
            String fallback,
            Map<String, Map<String, List<BarView>>> bars,
            List<BarView> forming,
            List<SignalView> signals,
            Map<String, PressureLadder.Ladder> ladders,
            PipelineHealth.View health,
            List<StrategyView> strategies,
            long undecodable) {}

    /** What changed since the previous update; the page merges it into what it has. */
    public record Update(
            List<BarView> bars,
            List<BarView> forming,
            List<SignalView> signals,
            Map<String, PressureLadder.Ladder> ladders,
            PipelineHealth.View health,
            List<StrategyView> strategies,
            Long lastLiveRecordAtMs) {}

    /**
     * Sent every second: whether data is flowing. {@code kafkaProblem} says why Kafka cannot be
     * read, {@code fallback} where the history on show came from when the topics had none.
     */
    public record Heartbeat(
            long serverTimeMs,
            Mode mode,
            boolean historyLoaded,
            long quietForMs,
            Long lastLiveRecordAtMs,
            String kafkaProblem,
            String fallback) {}

    private final BarBuffer bars;
    private final SignalBuffer signals;
    private final PressureLadder ladder = new PressureLadder();
    private final PipelineHealth health = new PipelineHealth();
    private final StrategyBoard strategies = new StrategyBoard(STRATEGY_CURVE_POINTS);
    private final Set<String> changedStrategies = new TreeSet<>();
    private final long staleAfterMs;
    private final long startedAtMs;

    private final Map<String, BarView> forming = new TreeMap<>();
    private final Map<String, BarView> changedBars = new LinkedHashMap<>();
    private final Map<String, BarView> changedForming = new LinkedHashMap<>();
    private final List<SignalView> newSignals = new ArrayList<>();
    private final Map<String, Boolean> changedLadders = new TreeMap<>();
    private boolean healthChanged;
    private boolean historyLoaded;
    private Long lastLiveRecordAtMs;
    private long undecodable;
    private String kafkaProblem;
    private String fallback;

    public DashboardState(
            int barsPerSeries, int signalCapacity, long staleAfterMs, long startedAtMs) {
        this.bars = new BarBuffer(barsPerSeries);
        this.signals = new SignalBuffer(signalCapacity);
        this.staleAfterMs = staleAfterMs;
        this.startedAtMs = startedAtMs;
    }

    /** Applies one decoded topic value that arrived at {@code arrivalMs}. */
    public synchronized void apply(SpecificRecord record, long arrivalMs) {
        if (historyLoaded) {
            lastLiveRecordAtMs = arrivalMs;
        }
        if (record instanceof Bar b) {
            strategies.observe(b.getWindowStart() / 1_000_000L, b.getWindowEnd() / 1_000_000L);
            BarView bar = BarView.of(b);
            if (bars.merge(bar)) {
                changedBars.put(bar.symbol() + "|" + bar.interval() + "|" + bar.time(), bar);
            }
            forming.computeIfPresent(
                    bar.symbol() + "|" + bar.interval(),
                    (series, preview) -> preview.time() <= bar.time() ? null : preview);
        } else if (record instanceof Signal s) {
            SignalView signal = SignalView.of(s);
            if (signals.add(signal)) {
                newSignals.add(signal);
            }
        } else if (record instanceof PressureMetrics p) {
            if (ladder.apply(PressureView.of(p))) {
                changedLadders.put(p.getUnderlying(), true);
            }
        } else if (record instanceof PipelineMetric m) {
            health.apply(m);
            healthChanged = true;
        } else if (record instanceof FeedStatus f) {
            health.apply(f);
            healthChanged = true;
        } else if (record instanceof StrategyTrade t) {
            if (strategies.apply(t)) {
                changedStrategies.add(t.getStrategy());
            }
        }
    }

    /**
     * Applies a preview of a bar in progress: kept, one per symbol and timeframe, until a newer
     * preview or its closed bar replaces it.
     */
    public synchronized void applyForming(Bar b, long arrivalMs) {
        if (historyLoaded) {
            lastLiveRecordAtMs = arrivalMs;
        }
        BarView bar = BarView.of(b);
        String series = bar.symbol() + "|" + bar.interval();
        BarView current = forming.get(series);
        Long lastClosed = bars.lastTime(bar.symbol(), bar.interval());
        boolean superseded =
                (current != null && current.time() > bar.time())
                        || (lastClosed != null && lastClosed >= bar.time());
        if (!superseded && !bar.equals(current)) {
            forming.put(series, bar);
            changedForming.put(series, bar);
        }
    }

    /** Adds bars from a historical source; they do not count as live data. */
    public synchronized void applyHistorical(List<BarView> historical) {
        for (BarView bar : historical) {
            if (bars.merge(bar)) {
                changedBars.put(bar.symbol() + "|" + bar.interval() + "|" + bar.time(), bar);
            }
        }
    }

    /** Why Kafka cannot be read, or null once it answers again. */
    public synchronized void kafkaProblem(String problem) {
        kafkaProblem = problem;
    }

    /** Where the history on show came from, or why none could be fetched. */
    public synchronized void fallback(String description) {
        fallback = description;
    }

    /** True when only history can be shown and there is none: a case for the fallback source. */
    public synchronized boolean wantsFallback(long nowMs) {
        return mode(nowMs) == Mode.HISTORICAL
                && bars.byTimeframe(60).isEmpty()
                && bars.byTimeframe(300).isEmpty();
    }

    /** Counts a value that is not a record of a known schema. */
    public synchronized void countUndecodable() {
        undecodable++;
    }

    public synchronized void markHistoryLoaded() {
        historyLoaded = true;
    }

    public synchronized boolean historyLoaded() {
        return historyLoaded;
    }

    /** The changes since the previous call, or null when nothing changed. */
    public synchronized Update drainUpdate() {
        if (changedBars.isEmpty()
                && changedForming.isEmpty()
                && newSignals.isEmpty()
                && changedLadders.isEmpty()
                && changedStrategies.isEmpty()
                && !healthChanged) {
            return null;
        }
        Map<String, PressureLadder.Ladder> ladders = new TreeMap<>();
        changedLadders.keySet().forEach(u -> ladders.put(u, ladder.ladder(u)));
        Update update =
                new Update(
                        new ArrayList<>(changedBars.values()),
                        new ArrayList<>(changedForming.values()),
                        new ArrayList<>(newSignals),
                        ladders,
                        healthChanged ? health.view() : null,
                        strategies.views(changedStrategies),
                        lastLiveRecordAtMs);
        changedBars.clear();
        changedForming.clear();
        newSignals.clear();
        changedLadders.clear();
        changedStrategies.clear();
        healthChanged = false;
        return update;
    }

    public synchronized Snapshot snapshot(long nowMs) {
        Map<String, Map<String, List<BarView>>> byTimeframe = new LinkedHashMap<>();
        byTimeframe.put("1m", bars.byTimeframe(60));
        byTimeframe.put("5m", bars.byTimeframe(300));
        return new Snapshot(
                nowMs,
                mode(nowMs),
                historyLoaded,
                quietForMs(nowMs),
                lastLiveRecordAtMs,
                kafkaProblem,
                fallback,
                byTimeframe,
                new ArrayList<>(forming.values()),
                signals.all(),
                ladder.all(),
                health.view(),
                strategies.all(),
                undecodable);
    }

    public synchronized Heartbeat heartbeat(long nowMs) {
        return new Heartbeat(
                nowMs,
                mode(nowMs),
                historyLoaded,
                quietForMs(nowMs),
                lastLiveRecordAtMs,
                kafkaProblem,
                fallback);
    }

    /**
     * Live only while records keep arriving after the history: a record within the stale threshold.
     */
    private Mode mode(long nowMs) {
        if (kafkaProblem != null) {
            return Mode.HISTORICAL;
        }
        if (!historyLoaded) {
            return Mode.LOADING;
        }
        return lastLiveRecordAtMs != null && quietForMs(nowMs) <= staleAfterMs
                ? Mode.LIVE
                : Mode.HISTORICAL;
    }

    private long quietForMs(long nowMs) {
        return nowMs - (lastLiveRecordAtMs == null ? startedAtMs : lastLiveRecordAtMs);
    }
}
