package io.instflow.dashboard.state;

import io.instflow.avro.Bar;
import io.instflow.avro.FeedStatus;
import io.instflow.avro.PipelineMetric;
import io.instflow.avro.PressureMetrics;
import io.instflow.avro.Signal;
import io.instflow.dashboard.model.BarView;
import io.instflow.dashboard.model.PressureView;
import io.instflow.dashboard.model.SignalView;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the dashboard knows, fed by the topic reader and read by the web server: bars,
 * signals, ladders and health, plus when data last arrived. Changes since the last {@link
 * #drainUpdate} are collected so that the page receives one small update per batch of records
 * rather than the whole state. Thread-safe.
 */
public final class DashboardState {

    /** The whole state, sent to a page when it connects. Times in ms since the epoch. */
    public record Snapshot(
            long serverTimeMs,
            boolean historyLoaded,
            boolean stale,
            long quietForMs,
            Long lastLiveRecordAtMs,
            Map<String, Map<String, List<BarView>>> bars,
            List<SignalView> signals,
            Map<String, PressureLadder.Ladder> ladders,
            PipelineHealth.View health,
            long undecodable) {}

    /** What changed since the previous update; the page merges it into what it has. */
    public record Update(
            List<BarView> bars,
            List<SignalView> signals,
            Map<String, PressureLadder.Ladder> ladders,
            PipelineHealth.View health,
            Long lastLiveRecordAtMs) {}

    /** Sent every second: whether data is flowing. */
    public record Heartbeat(
            long serverTimeMs,
            boolean historyLoaded,
            boolean stale,
            long quietForMs,
            Long lastLiveRecordAtMs) {}

    private final BarBuffer bars;
    private final SignalBuffer signals;
    private final PressureLadder ladder = new PressureLadder();
    private final PipelineHealth health = new PipelineHealth();
    private final long staleAfterMs;
    private final long startedAtMs;

    private final Map<String, BarView> changedBars = new LinkedHashMap<>();
    private final List<SignalView> newSignals = new ArrayList<>();
    private final Map<String, Boolean> changedLadders = new TreeMap<>();
    private boolean healthChanged;
    private boolean historyLoaded;
    private Long lastLiveRecordAtMs;
    private long undecodable;

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
            BarView bar = BarView.of(b);
            if (bars.merge(bar)) {
                changedBars.put(bar.symbol() + "|" + bar.interval() + "|" + bar.time(), bar);
            }
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
        }
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
                && newSignals.isEmpty()
                && changedLadders.isEmpty()
                && !healthChanged) {
            return null;
        }
        Map<String, PressureLadder.Ladder> ladders = new TreeMap<>();
        changedLadders.keySet().forEach(u -> ladders.put(u, ladder.ladder(u)));
        Update update =
                new Update(
                        new ArrayList<>(changedBars.values()),
                        new ArrayList<>(newSignals),
                        ladders,
                        healthChanged ? health.view() : null,
                        lastLiveRecordAtMs);
        changedBars.clear();
        newSignals.clear();
        changedLadders.clear();
        healthChanged = false;
        return update;
    }

    public synchronized Snapshot snapshot(long nowMs) {
        Map<String, Map<String, List<BarView>>> byTimeframe = new LinkedHashMap<>();
        byTimeframe.put("1m", bars.byTimeframe(60));
        byTimeframe.put("5m", bars.byTimeframe(300));
        return new Snapshot(
                nowMs,
                historyLoaded,
                stale(nowMs),
                quietForMs(nowMs),
                lastLiveRecordAtMs,
                byTimeframe,
                signals.all(),
                ladder.all(),
                health.view(),
                undecodable);
    }

    public synchronized Heartbeat heartbeat(long nowMs) {
        return new Heartbeat(
                nowMs, historyLoaded, stale(nowMs), quietForMs(nowMs), lastLiveRecordAtMs);
    }

    /** True when no record arrived on the live topics for longer than the stale threshold. */
    private boolean stale(long nowMs) {
        return quietForMs(nowMs) > staleAfterMs;
    }

    private long quietForMs(long nowMs) {
        return nowMs - (lastLiveRecordAtMs == null ? startedAtMs : lastLiveRecordAtMs);
    }
}
