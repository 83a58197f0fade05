package io.instflow.barchart.flow;

import io.instflow.barchart.chain.ChainNormaliser;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;
import io.instflow.contract.EstimatedSide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * New volume per contract between consecutive snapshots of the same Globex session
 * (spec/barchart.md §5.3): only session volume counts, so a contract whose earlier snapshot still
 * showed the previous session's volume does not go negative; a difference that is negative anyway
 * is a data error, counted and dropped. The split into bought and sold is estimated from the last
 * price against the quote ({@link EstimatedSide}). One instance per series; not thread-safe.
 */
public final class SnapshotFlow {

    private record Seen(Instant session, Instant observedAt, long sessionVolume) {}

    private final Map<String, Seen> last = new HashMap<>();
    private long negativeDropped;

    /** The flow since the previous snapshot of each contract; contracts seen first give none. */
    public List<ContractFlow> next(ChainSnapshot snapshot) {
        Instant session = ChainNormaliser.sessionStart(snapshot.observedAt());
        List<ContractFlow> flows = new ArrayList<>();
        for (OptionQuote q : snapshot.quotes()) {
            if (q.rawSymbol() == null) {
                continue;
            }
            Seen previous =
                    last.put(
                            q.rawSymbol(),
                            new Seen(session, snapshot.observedAt(), q.sessionVolume()));
            if (previous == null || !previous.session().equals(session)) {
                continue;
            }
            long volume = q.sessionVolume() - previous.sessionVolume();
            if (volume < 0) {
                negativeDropped++;
                continue;
            }
            if (volume > 0) {
                flows.add(split(q, previous.observedAt(), snapshot.observedAt(), volume));
            }
        }
        return flows;
    }

    /** Negative differences seen and dropped so far. */
    public long negativeDropped() {
        return negativeDropped;
    }

    static ContractFlow split(OptionQuote q, Instant from, Instant to, long volume) {
        String side = side(q.bid(), q.ask(), q.settlement() ? null : q.last());
        return new ContractFlow(
                q.rawSymbol(),
                from,
                to,
                volume,
                side.equals("BUY") ? volume : 0,
                side.equals("SELL") ? volume : 0,
                side.equals("UNKNOWN") ? volume : 0,
                side);
    }

    /**
     * The estimated aggressor side of volume that traded at {@code last} (null for none or a
     * settlement) against the quote: BUY, SELL or UNKNOWN.
     */
    public static String side(Double bid, Double ask, Double last) {
        return EstimatedSide.of(bid, ask, last).name();
    }
}
