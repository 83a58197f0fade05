package io.instflow.strategies.logic;

import io.instflow.ifd.logic.TradingDate;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 *
 * <p>Everything it carries between steps is in its {@link KeeperState}, so a stream processor can
 * keep that as state and rebuild the keeper around it for each step.
 */
public final class PositionKeeper {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalTime SESSION_OPEN = LocalTime.of(17, 0);

    private final StrategyParams params;
    private final KeeperState state;
    private final List<ClosedTrade> closed = new ArrayList<>();

    public PositionKeeper(StrategyParams params) {
        this(params, new KeeperState());
    }

    /** A keeper continuing from {@code state}, which it updates as it goes. */
    public PositionKeeper(StrategyParams params, KeeperState state) {
        this.params = params;
        this.state = state;
    }

    public StrategyParams params() {
        return params;
    }

    public KeeperState state() {
        return state;
    }

    /** Queues a signal; one below the strategy's tier is skipped at once. */
    public List<PaperOrder> onSignal(SignalIntent signal) {
        if (!params.trades(signal.tier())) {
            return List.of(skipped(signal, signal.windowEndMs(), "min_tier"));
        }
        KeeperState.PendingSignal[] more = Arrays.copyOf(state.pending, state.pending.length + 1);
        more[state.pending.length] = KeeperState.PendingSignal.of(signal);
        state.pending = more;
        return List.of();
    }

    /** Advances through one bar; the orders it caused, in the order they happened. */
    public List<PaperOrder> onBar(MinuteBar bar) {
        List<PaperOrder> orders = new ArrayList<>();
        KeeperState.OpenPosition open = state.open;
        if (open != null && bar.startMs() >= open.entryMs + params.maxHoldingMinutes() * 60_000L) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.TIME));
        }
        List<KeeperState.PendingSignal> waiting = new ArrayList<>();
        for (KeeperState.PendingSignal signal : state.pending) {
            long visibleMs = signal.windowEndMs + params.visibilityDelayMs();
            if (visibleMs > bar.startMs()) {
                waiting.add(signal);
            } else {
                enter(signal.intent(), bar, visibleMs, orders);
            }
        }
        state.pending = waiting.toArray(KeeperState.PendingSignal[]::new);
        if (state.open != null) {
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
        if (state.open != null && state.open.direction == signal.direction()) {
            orders.add(skipped(signal, bar.startMs(), "in_position"));
            return;
        }
        if (state.open != null) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.OPPOSITE));
        }
        if (inCloseCutOff(bar.startMs())) {
            orders.add(skipped(signal, bar.startMs(), "close_cut_off"));
            return;
        }
        long date = TradingDate.of(bar.startMs() * 1_000_000L);
        if (date != state.entryDate) {
            state.entryDate = date;
            state.entriesOnDate = 0;
        }
        if (state.entriesOnDate >= params.maxDailyTrades()) {
            orders.add(skipped(signal, bar.startMs(), "daily_cap"));
            return;
        }
        state.entriesOnDate++;
        int contracts = params.contracts(signal.sizeMultiplier(), signal.confidence());
        int side = signal.direction();
        double price = fill(bar.open(), side);
        KeeperState.OpenPosition open = new KeeperState.OpenPosition();
        open.signalId = signal.signalId();
        open.tier = signal.tier();
        open.direction = side;
        open.contracts = contracts;
        open.entryMs = bar.startMs();
        open.entryPrice = price;
        open.stop = price - side * params.stopLossPoints();
        open.target = price + side * params.takeProfitPoints();
        state.open = open;
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
        KeeperState.OpenPosition open = state.open;
        int d = open.direction;
        // prices seen from the position's side: higher is better
        double openGain = d * bar.open();
        double worst = d > 0 ? bar.low() : -bar.high();
        double best = d > 0 ? bar.high() : -bar.low();
        double stop = d * open.stop;
        double target = d * open.target;
        if (openGain <= stop) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.STOP));
        } else if (openGain >= target) {
            orders.add(exit(bar.startMs(), bar.open(), PaperOrder.TARGET));
        } else if (worst <= stop) {
            orders.add(exit(bar.startMs(), open.stop, PaperOrder.STOP));
        } else if (best >= target) {
            orders.add(exit(bar.startMs(), open.target, PaperOrder.TARGET));
        }
    }

    private PaperOrder exit(long atMs, double marketPrice, String reason) {
        KeeperState.OpenPosition open = state.open;
        int side = -open.direction;
        double price = fill(marketPrice, side);
        double gross =
                open.direction
                        * (price - open.entryPrice)
                        * params.pointValueUsd()
                        * open.contracts;
        double costs = 2 * params.costPerContractUsd() * open.contracts;
        ClosedTrade trade =
                new ClosedTrade(
                        params.name(),
                        open.signalId,
                        open.tier,
                        open.direction,
                        open.contracts,
                        open.entryMs,
                        open.entryPrice,
                        atMs,
                        price,
                        reason,
                        gross,
                        costs);
        closed.add(trade);
        state.closedTrades++;
        state.realisedNetUsd += trade.netUsd();
        state.open = null;
        return new PaperOrder(
                params.name(), open.signalId, atMs, side, open.contracts, price, true, reason);
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
        return state.open == null ? 0 : state.open.direction * state.open.contracts;
    }

    /** The round trips this keeper closed (since it was built), in the order they closed. */
    public List<ClosedTrade> closedTrades() {
        return List.copyOf(closed);
    }
}
