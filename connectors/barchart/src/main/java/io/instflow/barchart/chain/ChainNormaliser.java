package io.instflow.barchart.chain;

import io.instflow.barchart.symbols.OptionSymbol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns parsed chain rows into {@link OptionQuote}s under the rules of spec/barchart.md §5.1. */
public final class ChainNormaliser {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** Newest trade older than this at capture: the feed is stale (spec §7). */
    public static final Duration STALE_AFTER = Duration.ofMinutes(30);

    private ChainNormaliser() {}

    /**
     * The start of the Globex session {@code at} belongs to: the latest 17:00 Chicago time at or
     * before it.
     */
    public static Instant sessionStart(Instant at) {
        return io.instflow.contract.GlobexSession.start(at);
    }

    public static ChainSnapshot normalise(ParsedChain chain, String series, Instant observedAt) {
        LocalDate observedDay = observedAt.atZone(CHICAGO).toLocalDate();
        Instant sessionStart = sessionStart(observedAt);
        List<OptionQuote> quotes = new ArrayList<>(chain.rows().size());
        int unmapped = 0;
        int rejected = 0;
        String cmeRoot = null;
        Instant dataTime = null;
        boolean anyIv = false;
        boolean anyLiveQuote = false;
        int settled = 0;
        LocalDate expiry = null;
        for (ChainRow row : chain.rows()) {
            OptionSymbol symbol = null;
            try {
                symbol = OptionSymbol.parse(row.symbol(), observedDay);
            } catch (IllegalArgumentException e) {
                unmapped++;
            }
            char right = "Put".equals(row.optionType()) ? 'P' : 'C';
            if (symbol != null
                    && (symbol.right() != right || symbol.strike().compareTo(row.strike()) != 0)) {
                rejected++;
                continue;
            }
            Instant tradeTime =
                    row.tradeTimeIsClock() && row.tradeTimeEpochSeconds() != null
                            ? Instant.ofEpochSecond(row.tradeTimeEpochSeconds())
                            : null;
            if (tradeTime != null && (dataTime == null || tradeTime.isAfter(dataTime))) {
                dataTime = tradeTime;
            }
            boolean thisSession = tradeTime != null && !tradeTime.isBefore(sessionStart);
            long volume = row.volume() == null ? 0 : row.volume();
            Double iv =
                    row.impliedVolatilityPercent() != null && row.impliedVolatilityPercent() > 0
                            ? row.impliedVolatilityPercent() / 100
                            : null;
            anyIv |= iv != null;
            anyLiveQuote |= row.bid() > 0 || row.ask() > 0;
            settled += row.settlement() ? 1 : 0;
            if (symbol != null) {
                cmeRoot = symbol.series().cmeRoot();
                if (series == null) {
                    series =
                            io.instflow.barchart.symbols.SeriesCode.of(
                                            symbol.series(), symbol.month())
                                    .requestCode();
                }
                expiry = symbol.expiry();
            }
            quotes.add(
                    new OptionQuote(
                            row.symbol(),
                            symbol == null ? null : symbol.series().cmeRoot(),
                            symbol == null ? null : symbol.databentoRawSymbol(),
                            symbol == null ? null : symbol.expiry(),
                            row.strike(),
                            right,
                            positive(row.bid()),
                            positive(row.ask()),
                            positive(row.last()),
                            row.settlement(),
                            tradeTime,
                            row.tradeDate(),
                            row.volume(),
                            thisSession ? volume : 0,
                            thisSession || row.volume() == null ? null : row.volume(),
                            row.openInterest(),
                            iv,
                            row.delta()));
        }
        Set<ChainSnapshot.Flag> flags =
                EnumSet.of(
                        ChainSnapshot.Flag.DELAYED,
                        ChainSnapshot.Flag.NO_TRADES,
                        ChainSnapshot.Flag.NO_BOOK);
        if (!anyIv) {
            flags.add(ChainSnapshot.Flag.NO_IV);
        }
        if (dead(anyLiveQuote, settled, chain.rows().size(), expiry, observedAt)) {
            flags.add(ChainSnapshot.Flag.DEAD_SERIES);
        }
        if (rejected > 0 || !sameStrikes(quotes)) {
            flags.add(ChainSnapshot.Flag.PARTIAL);
        }
        if (dataTime == null || Duration.between(dataTime, observedAt).compareTo(STALE_AFTER) > 0) {
            flags.add(ChainSnapshot.Flag.STALE);
        }
        Duration delay = dataTime == null ? null : Duration.between(dataTime, observedAt);
        return new ChainSnapshot(
                series, cmeRoot, observedAt, quotes, flags, dataTime, delay, unmapped, rejected);
    }

    /**
     * No bid or ask anywhere, and the lasts are settlements or the series has expired: the chain
     * after expiry still comes back full (spec §3.1), with perhaps one trade left from the last
     * minutes, and must not pass for live quotes.
     */
    private static boolean dead(
            boolean anyQuote, int settled, int rows, LocalDate expiry, Instant observedAt) {
        if (anyQuote || rows == 0) {
            return false;
        }
        boolean expired =
                expiry != null
                        && !observedAt.isBefore(expiry.atTime(16, 0).atZone(CHICAGO).toInstant());
        return expired || settled >= rows * 0.99;
    }

    private static Double positive(double v) {
        return v > 0 ? v : null;
    }

    private static boolean sameStrikes(List<OptionQuote> quotes) {
        Set<java.math.BigDecimal> calls = new TreeSet<>();
        Set<java.math.BigDecimal> puts = new TreeSet<>();
        quotes.forEach(q -> (q.right() == 'C' ? calls : puts).add(q.strike()));
        return calls.equals(puts);
    }
}
