package io.instflow.simulator;

import io.instflow.dbn.Flags;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated matching engine: market-maker ladders per instrument, aggressive orders that trade
 * through them, and spoof orders. Every change is written as the MBO an exchange would publish (see
 * {@link MboStream}), so a book rebuilt from the output equals this state at every LAST. Not
 * thread-safe.
 */
final class Exchange {

    private static final byte BID = 'B';
    private static final byte ASK = 'A';
    private static final int SNAPSHOT = Flags.SNAPSHOT | Flags.BAD_TS_RECV;

    private final List<Contract> chain;
    private final QuoteLadder[] ladders;
    private final SplittableRandom random;
    private final long[] spoofId;
    private final long[] spoofPx;
    private final long[] spoofSz;
    private final byte[] spoofSide;
    private final long[] spoofCancelAt;
    private final MessageOps ops = new MessageOps();
    private final boolean[] usedScratch = new boolean[16];
    private final long[] scratchIds = new long[16];
    private final long[] scratchPxs = new long[16];
    private final long[] scratchSzs = new long[16];
    private MboStream stream;
    private long nextOrderId = 6_412_000_000_000L;

    Exchange(List<Contract> chain, SplittableRandom random, int futureLevels, int optionLevels) {
        this.chain = chain;
        this.random = random;
        this.ladders = new QuoteLadder[chain.size()];
        for (Contract c : chain) {
            ladders[c.index()] = new QuoteLadder(c.isOption() ? optionLevels : futureLevels);
        }
        spoofId = new long[chain.size()];
        spoofPx = new long[chain.size()];
        spoofSz = new long[chain.size()];
        spoofSide = new byte[chain.size()];
        spoofCancelAt = new long[chain.size()];
    }

    void stream(MboStream stream) {
        this.stream = stream;
    }

    QuoteLadder ladder(int index) {
        return ladders[index];
    }

    /**
     * Moves the ladder of {@code index} around {@code fair} (index points) on a grid of {@code
     * tickE9}, {@code spreadTicks} wide at the top, and refills emptied levels, as a market maker
     * would: orders already at a wanted price stay, orders out of the new range move there (M), the
     * rest are added (A) or cancelled (C). Writes one message; nothing when nothing changes.
     */
    void quote(int index, long ts, double fair, long tickE9, int spreadTicks) {
        QuoteLadder q = ladders[index];
        long bid0 = (long) Math.floor(fair * 1e9 / tickE9 - spreadTicks / 2.0) * tickE9;
        long ask0 = bid0 + spreadTicks * tickE9;
        if (bid0 <= 0) {
            bid0 = 0;
            ask0 = Math.max(ask0, tickE9);
        }
        q.quotedFair = fair;
        if (q.bidPx[0] == bid0 && q.askPx[0] == ask0 && !q.hasHoles()) {
            return;
        }
        cancelSpoofCrossing(index, ts, bid0, ask0);
        ops.clear();
        Contract contract = chain.get(index);
        planSide(contract, q.bidId, q.bidPx, q.bidSz, bid0, -tickE9, BID);
        planSide(contract, q.askId, q.askPx, q.askSz, ask0, tickE9, ASK);
        ops.write(stream, contract.instrumentId(), ts);
    }

    /**
     * Plans one side: targets {@code top + k * step}; reuses orders already there, moves the others
     * into missing prices, adds or cancels the difference, and stores the new ladder in level
     * order.
     */
    private void planSide(
            Contract contract, long[] ids, long[] pxs, long[] szs, long top, long step, byte side) {
        int levels = ids.length;
        boolean[] used = scratchUsed(levels);
        long[] newIds = scratchIds;
        long[] newPxs = scratchPxs;
        long[] newSzs = scratchSzs;
        for (int k = 0; k < levels; k++) {
            long target = top + k * step;
            newPxs[k] = target;
            for (int j = 0; j < levels && target > 0; j++) {
                if (!used[j] && szs[j] > 0 && pxs[j] == target) {
                    used[j] = true;
                    newIds[k] = ids[j];
                    newSzs[k] = szs[j];
                    break;
                }
            }
        }
        int pool = 0;
        for (int k = 0; k < levels; k++) {
            if (newSzs[k] > 0 || newPxs[k] <= 0) {
                continue;
            }
            while (pool < levels && (used[pool] || szs[pool] == 0)) {
                pool++;
            }
            if (pool < levels) {
                used[pool] = true;
                newIds[k] = ids[pool];
                newSzs[k] = szs[pool];
                ops.add(MboStream.MODIFY, side, newIds[k], newPxs[k], newSzs[k]);
            } else {
                newIds[k] = nextOrderId++;
                newSzs[k] = levelSize(contract.isOption(), k);
                ops.add(MboStream.ADD, side, newIds[k], newPxs[k], newSzs[k]);
            }
        }
        for (int j = 0; j < levels; j++) {
            if (!used[j] && szs[j] > 0) {
                ops.add(MboStream.CANCEL, side, ids[j], pxs[j], szs[j]);
            }
        }
        for (int k = 0; k < levels; k++) {
            ids[k] = newIds[k];
            pxs[k] = newPxs[k] > 0 ? newPxs[k] : 0;
            szs[k] = newPxs[k] > 0 ? newSzs[k] : 0;
        }
    }

    private boolean[] scratchUsed(int levels) {
        java.util.Arrays.fill(usedScratch, 0, levels, false);
        java.util.Arrays.fill(scratchSzs, 0, levels, 0);
        return usedScratch;
    }

    /**
     * Size of a market maker's order, drawn per side from a heavy-tailed distribution, so that bid
     * and ask at the top are size-symmetric (within 20 %) about as rarely as in the real ESH4
     * capture (13 % of top-of-book updates). Options stay below 50 contracts, the spoofing
     * threshold of the detector, so honest quoting never looks like spoofing.
     */
    private long levelSize(boolean option, int level) {
        double heavy = Math.exp(random.nextGaussian() * 0.9);
        return option
                ? Math.min(49, Math.round(4 + 10 * heavy) + level * 3L)
                : Math.round(2 + 8 * heavy) + level * 2L;
    }

    /**
     * Writes the ladder of {@code index} as a snapshot: a clear, then its orders, the last with
     * LAST.
     */
    void snapshot(int index) {
        QuoteLadder q = ladders[index];
        long instrumentId = chain.get(index).instrumentId();
        int orders = 0;
        for (int k = 0; k < q.levels(); k++) {
            orders += (q.bidSz[k] > 0 ? 1 : 0) + (q.askSz[k] > 0 ? 1 : 0);
        }
        stream.snapshotClear(instrumentId);
        int written = 0;
        for (int k = 0; k < q.levels(); k++) {
            if (q.bidSz[k] > 0) {
                stream.record(
                        instrumentId,
                        MboStream.ADD,
                        BID,
                        q.bidId[k],
                        q.bidPx[k],
                        q.bidSz[k],
                        SNAPSHOT | (++written == orders ? Flags.LAST : 0));
            }
            if (q.askSz[k] > 0) {
                stream.record(
                        instrumentId,
                        MboStream.ADD,
                        ASK,
                        q.askId[k],
                        q.askPx[k],
                        q.askSz[k],
                        SNAPSHOT | (++written == orders ? Flags.LAST : 0));
            }
        }
    }

    /**
     * An aggressive order of {@code size} lifting offers ({@code buy}) or hitting bids; trades
     * through the ladder's levels. Writes a T/F message and a C message. Returns the size traded.
     */
    long aggress(int index, long ts, boolean buy, long size) {
        QuoteLadder q = ladders[index];
        long[] ids = buy ? q.askId : q.bidId;
        long[] pxs = buy ? q.askPx : q.bidPx;
        long[] szs = buy ? q.askSz : q.bidSz;
        long instrumentId = chain.get(index).instrumentId();
        long remaining = size;
        int filledLevels = 0;
        for (int k = 0; k < szs.length && remaining > 0; k++) {
            if (szs[k] > 0) {
                remaining -= Math.min(remaining, szs[k]);
                filledLevels = k + 1;
            }
        }
        long traded = size - remaining;
        if (traded == 0) {
            return 0;
        }
        long aggressorId = nextOrderId++;
        byte aggressorSide = buy ? BID : ASK;
        byte restingSide = buy ? ASK : BID;
        stream.message(ts);
        long left = traded;
        for (int k = 0; k < filledLevels; k++) {
            if (szs[k] > 0 && left > 0) {
                long fill = Math.min(left, szs[k]);
                stream.record(
                        instrumentId, MboStream.TRADE, aggressorSide, aggressorId, pxs[k], fill, 0);
                stream.record(instrumentId, MboStream.FILL, restingSide, ids[k], pxs[k], fill, 0);
                left -= fill;
            }
        }
        stream.message(ts);
        left = traded;
        for (int k = 0; k < filledLevels; k++) {
            if (szs[k] > 0 && left > 0) {
                long fill = Math.min(left, szs[k]);
                left -= fill;
                stream.record(
                        instrumentId,
                        MboStream.CANCEL,
                        restingSide,
                        ids[k],
                        pxs[k],
                        fill,
                        left == 0 ? Flags.LAST : 0);
                szs[k] -= fill;
            }
        }
        return traded;
    }

    /**
     * A block: a counterparty shows the whole size at the touch (one A) and the aggressor takes it
     * in one match (T/F), after which the filled order leaves the book (C), so the displayed ladder
     * is as before. Returns the size traded.
     */
    long block(int index, long ts, boolean buy, long size) {
        QuoteLadder q = ladders[index];
        long px = buy ? q.askPx[0] : q.bidPx[0];
        if (px <= 0) {
            return aggress(index, ts, buy, size);
        }
        long instrumentId = chain.get(index).instrumentId();
        long restingId = nextOrderId++;
        long aggressorId = nextOrderId++;
        byte aggressorSide = buy ? BID : ASK;
        byte restingSide = buy ? ASK : BID;
        stream.message(ts);
        stream.record(instrumentId, MboStream.ADD, restingSide, restingId, px, size, Flags.LAST);
        stream.message(ts);
        stream.record(instrumentId, MboStream.TRADE, aggressorSide, aggressorId, px, size, 0);
        stream.record(instrumentId, MboStream.FILL, restingSide, restingId, px, size, 0);
        stream.message(ts);
        stream.record(instrumentId, MboStream.CANCEL, restingSide, restingId, px, size, Flags.LAST);
        return size;
    }

    /**
     * A spread's leg as CME prints it: a trade with side N (no aggressor on the outright) at the
     * best bid, one T record; the outright book does not change. Returns the size printed.
     */
    long legPrint(int index, long ts, long size) {
        QuoteLadder q = ladders[index];
        if (q.bidPx[0] <= 0 || q.askPx[0] <= 0) {
            return 0;
        }
        long px = q.bidPx[0];
        stream.message(ts);
        stream.record(
                chain.get(index).instrumentId(),
                MboStream.TRADE,
                (byte) 'N',
                0,
                px,
                size,
                Flags.LAST);
        return size;
    }

    /** Rests a large order behind the touch, to be cancelled unfilled at {@code cancelAt}. */
    void spoof(int index, long ts, boolean bid, long size, long cancelAt) {
        if (spoofSz[index] > 0) {
            return;
        }
        QuoteLadder q = ladders[index];
        int deepest = q.levels() - 1;
        long px = bid ? q.bidPx[deepest] : q.askPx[deepest];
        if (px <= 0) {
            return;
        }
        spoofId[index] = nextOrderId++;
        spoofPx[index] = px;
        spoofSz[index] = size;
        spoofSide[index] = bid ? BID : ASK;
        spoofCancelAt[index] = cancelAt;
        stream.message(ts);
        stream.record(
                chain.get(index).instrumentId(),
                MboStream.ADD,
                spoofSide[index],
                spoofId[index],
                px,
                size,
                Flags.LAST);
    }

    /** Cancels spoof orders whose time has come. */
    void expireSpoofs(long ts) {
        for (int i = 0; i < spoofSz.length; i++) {
            if (spoofSz[i] > 0 && ts >= spoofCancelAt[i]) {
                cancelSpoof(i, ts);
            }
        }
    }

    private void cancelSpoofCrossing(int index, long ts, long bid0, long ask0) {
        if (spoofSz[index] > 0
                && (spoofSide[index] == BID ? spoofPx[index] >= ask0 : spoofPx[index] <= bid0)) {
            cancelSpoof(index, ts);
        }
    }

    private void cancelSpoof(int index, long ts) {
        stream.message(ts);
        stream.record(
                chain.get(index).instrumentId(),
                MboStream.CANCEL,
                spoofSide[index],
                spoofId[index],
                spoofPx[index],
                spoofSz[index],
                Flags.LAST);
        spoofSz[index] = 0;
    }

    /** Forgets all resting orders (the end of a session); the next quote adds new ones. */
    void closeSession() {
        for (int i = 0; i < ladders.length; i++) {
            ladders[i] = new QuoteLadder(ladders[i].levels());
            spoofSz[i] = 0;
        }
    }
}
