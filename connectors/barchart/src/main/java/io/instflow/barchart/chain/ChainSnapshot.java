package io.instflow.barchart.chain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A normalised chain of one series at one moment, with what makes it degraded data: its flags, its
 * newest real trade time and the delay that implies.
 *
 * @param series the requested series code, e.g. {@code MQ4M25}; null when not known
 * @param dataTime the newest clock-time trade in the chain; null when none traded today
 * @param delay observedAt − dataTime; null without a dataTime
 * @param unmapped rows kept whose series is not a known NQ series
 * @param rejected rows dropped because symbol, strike and side disagree
 */
public record ChainSnapshot(
        String series,
        String cmeRoot,
        Instant observedAt,
        List<OptionQuote> quotes,
        Set<Flag> flags,
        Instant dataTime,
        Duration delay,
        int unmapped,
        int rejected) {

    /** Completeness flags of a Barchart snapshot (spec/barchart.md §5.1, §7). */
    public enum Flag {
        DELAYED,
        NO_TRADES,
        NO_BOOK,
        NO_IV,
        DEAD_SERIES,
        PARTIAL,
        STALE
    }

    public long calls() {
        return quotes.stream().filter(q -> q.right() == 'C').count();
    }

    public long puts() {
        return quotes.stream().filter(q -> q.right() == 'P').count();
    }

    public long twoSidedQuotes() {
        return quotes.stream().filter(OptionQuote::twoSided).count();
    }

    public BigDecimal minStrike() {
        return quotes.stream().map(OptionQuote::strike).min(BigDecimal::compareTo).orElse(null);
    }

    public BigDecimal maxStrike() {
        return quotes.stream().map(OptionQuote::strike).max(BigDecimal::compareTo).orElse(null);
    }
}
