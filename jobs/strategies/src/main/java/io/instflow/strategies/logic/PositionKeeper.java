package io.instflow.strategies.logic;

import io.instflow.ifd.logic.TradingDate;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One strategy's paper position in one future, driven by its signals and the future's bars in
 * event-time order; the same sequence always gives the same orders.
 *
 * <p>A signal is acted on at the open of the first bar starting at or after its window end plus the
 * visibility delay (the first trade after it became visible). At each bar, in order: a position
 * held past {@code max_holding_minutes} leaves at the open; due signals are filled at the open, an
 * opposite one first closing the position; then the stop and the target are checked against the
 * bar's range, a gap through either filling at the open, and a bar that reaches both counting as
 * the stop (the range does not say which came first, so the worse is assumed). Every fill pays
 * {@code slippage_ticks} against the market and {@code cost_per_contract_usd}.
 */
public final class PositionKeeper {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalTime SESSION_OPEN = LocalTime.of(17, 0);

    private final StrategyParams params;
    private final List<SignalIntent> pending = new ArrayList<>();
    private final Map<Long, Integer> entriesByDate = new HashMap<>();
    private final List<ClosedTrade> closed = new ArrayList<>();
    private Open open;

    private record Open(
            String signalId,
            String tier,
            int direction,
            int contracts,
            long entryMs,
            double entryPrice,
            double stop,
            double target) {}

    public PositionKeeper(StrategyParams params) {
        this.params = params;
    }

    /** Queues a signal; one below the strategy's tier is skipped at once. */
    public List<PaperOrder> onSignal(SignalIntent signal) {
        if (!params.trades(signal.tier())) {
            return List.of(skipped(signal, signal.windowEndMs(), "min_tier"));
        }
        pending.add(signal);
        return List.of();
    }

    /** Advances through one bar; the orders it caused, in the order they happened. */
    public List<PaperOrder> onBar(MinuteBar bar) {
        List<PaperOrder> orders = new ArrayList<>();
        if (open != null
                && bar.startMs() >= open.entryMs() + params.maxHoldingMinutes() * 60_000L) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.TIME));
        }
        for (Iterator<SignalIntent> it = pending.iterator(); it.hasNext(); ) {
            SignalIntent signal = it.next();
            long visibleMs = signal.windowEndMs() + params.visibilityDelayMs();
            if (visibleMs > bar.startMs()) {
                continue;
            }
            it.remove();
            enter(signal, bar, visibleMs, orders);
        }
        if (open != null) {
            checkStopAndTarget(bar, orders);
        }
        return orders;
    }

    private void enter(
            SignalIntent signal, MinuteBar bar, long visibleMs, List<PaperOrder> orders) {
        if (bar.startMs() > visibleMs + params.maxEntryDelayMinutes() * 60_000L) {
            orders.add(skipped(signal, bar.startMs(), "entry_expired"));
            return;
        }
        if (open != null && open.direction() == signal.direction()) {
            orders.add(skipped(signal, bar.startMs(), "in_position"));
            return;
        }
        if (open != null) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.OPPOSITE));
        }
        if (inCloseCutOff(bar.startMs())) {
            orders.add(skipped(signal, bar.startMs(), "close_cut_off"));
            return;
        }
        long date = TradingDate.of(bar.startMs() * 1_000_000L);
        int entries = entriesByDate.getOrDefault(date, 0);
        if (entries >= params.maxDailyTrades()) {
            orders.add(skipped(signal, bar.startMs(), "daily_cap"));
            return;
        }
        entriesByDate.put(date, entries + 1);
        int contracts = params.contracts(signal.sizeMultiplier(), signal.confidence());
        int side = signal.direction();
        double price = fill(bar.open(), side);
        open =
                new Open(
                        signal.signalId(),
                        signal.tier(),
                        side,
                        contracts,
                        bar.startMs(),
                        price,
                        price - side * params.stopLossPoints(),
                        price + side * params.takeProfitPoints());
        orders.add(
                new PaperOrder(
                        params.name(),
                        signal.signalId(),
                        bar.startMs(),
                        side,
                        contracts,
                        price,
                        true,
                        PaperOrder.ENTRY));
    }

    private void checkStopAndTarget(MinuteBar bar, List<PaperOrder> orders) {
        int d = open.direction();
        // prices seen from the position's side: higher is better
        double openGain = d * bar.open();
        double worst = d > 0 ? bar.low() : -bar.high();
        double best = d > 0 ? bar.high() : -bar.low();
        double stop = d * open.stop();
        double target = d * open.target();
        if (openGain <= stop) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.STOP));
        } else if (openGain >= target) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.TARGET));
        } else if (worst <= stop) {
            orders.add(exit(bar.startMs(), open.stop(), PaperOrder.STOP));
        } else if (best >= target) {
            orders.add(exit(bar.startMs(), open.target(), PaperOrder.TARGET));
        }
    }

    private PaperOrder exit(long atMs, double marketPrice, String reason) {
        int side = -open.direction();
        double price = fill(marketPrice, side);
        double gross =
                open.direction()
                        * (price - open.entryPrice())
                        * params.pointValueUsd()
                        * open.contracts();
        double costs = 2 * params.costPerContractUsd() * open.contracts();
        closed.add(
                new ClosedTrade(
                        params.name(),
                        open.signalId(),
                        open.tier(),
                        open.direction(),
                        open.contracts(),
                        open.entryMs(),
                        open.entryPrice(),
                        atMs,
                        price,
                        reason,
                        gross,
                        costs));
        PaperOrder order =
                new PaperOrder(
                        params.name(),
                        open.signalId(),
                        atMs,
                        side,
                        open.contracts(),
                        price,
                        true,
                        reason);
        open = null;
        return order;
    }

    /** The market price moved against the order by the slippage. */
    private double fill(double marketPrice, int side) {
        return marketPrice + side * params.slippageTicks() * params.tickPoints();
    }

    /** From {@code no_entry_minutes_before_close} before the close until the next session opens. */
    private boolean inCloseCutOff(long atMs) {
        LocalTime t = Instant.ofEpochMilli(atMs).atZone(CHICAGO).toLocalTime();
        LocalTime cutOff = params.sessionClose().minusMinutes(params.noEntryMinutesBeforeClose());
        return !t.isBefore(cutOff) && t.isBefore(SESSION_OPEN);
    }

    private PaperOrder skipped(SignalIntent signal, long atMs, String reason) {
        return new PaperOrder(
                params.name(), signal.signalId(), atMs, signal.direction(), 0, 0, false, reason);
    }

    /** Contracts held: positive long, negative short, 0 flat. */
    public int position() {
        return open == null ? 0 : open.direction() * open.contracts();
    }

    /** Every round trip so far, in the order they closed. */
    public List<ClosedTrade> closedTrades() {
        return List.copyOf(closed);
    }
}
