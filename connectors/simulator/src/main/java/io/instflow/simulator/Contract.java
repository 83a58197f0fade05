package io.instflow.simulator;

/**
 * One simulated instrument: an NQ future or an option on one. Prices in 1e-9 units, times in ns.
 *
 * @param instrumentClass 'F' future, 'C' call, 'P' put
 * @param root product code or option root: NQ, QN1..QN4
 * @param strike strike in 1e-9 units, or 0 for futures
 * @param underlyingIndex index of the underlying future in the chain, or -1 for futures
 * @param listedNs from when the exchange lists it (ns); {@link Long#MIN_VALUE} for all of the run
 */
public record Contract(
        int index,
        long instrumentId,
        String rawSymbol,
        char instrumentClass,
        String root,
        long strike,
        long expiration,
        int underlyingIndex,
        String underlying,
        long underlyingId,
        int maturityYear,
        int maturityMonth,
        int maturityDay,
        int maturityWeek,
        long listedNs) {

    public boolean isOption() {
        return instrumentClass == 'C' || instrumentClass == 'P';
    }

    public boolean isCall() {
        return instrumentClass == 'C';
    }

    /** Whether the exchange lists it at {@code ns}: listed and not yet expired. */
    public boolean listedAt(long ns) {
        return ns >= listedNs && ns < expiration;
    }

    /** Strike in index points. */
    public double strikePoints() {
        return strike / 1e9;
    }
}
