package io.instflow.ingest.barchart;

import io.instflow.avro.BarchartFuturesQuote;
import io.instflow.avro.BarchartOptionQuote;
import io.instflow.barchart.chain.ChainSnapshot;
import io.instflow.barchart.chain.OptionQuote;
import io.instflow.barchart.futures.FuturesQuote;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Normalised Barchart quotes as the Avro records of {@code md.barchart.options} and {@code
 * md.barchart.futures}.
 */
public final class BarchartRecords {

    private static final BigDecimal SCALE = BigDecimal.valueOf(1_000_000_000L);

    private BarchartRecords() {}

    public static BarchartOptionQuote option(ChainSnapshot s, OptionQuote q, String access) {
        List<String> flags = s.flags().stream().map(Enum::name).toList();
        return BarchartOptionQuote.newBuilder()
                .setAccess(access)
                .setSeries(s.series())
                .setBarchartSymbol(q.barchartSymbol())
                .setCmeRoot(q.cmeRoot())
                .setRawSymbol(q.rawSymbol())
                .setExpirationDate(q.expiration() == null ? null : q.expiration().toString())
                .setStrikePrice(q.strike().multiply(SCALE).longValueExact())
                .setOptionType(q.right() == 'C' ? "CALL" : "PUT")
                .setBid(price(q.bid()))
                .setAsk(price(q.ask()))
                .setLast(price(q.last()))
                .setSettlement(q.settlement())
                .setLastTradeTime(nanos(q.lastTradeTime()))
                .setLastTradeDate(q.lastTradeDate() == null ? null : q.lastTradeDate().toString())
                .setVolume(q.volume())
                .setSessionVolume(q.sessionVolume())
                .setPreviousSessionVolume(q.previousSessionVolume())
                .setOpenInterest(q.openInterest())
                .setImpliedVolatility(q.impliedVolatility())
                .setDelta(q.delta())
                .setObservedAt(nanos(s.observedAt()))
                .setDataTime(nanos(s.dataTime()))
                .setDelayMs(s.delay() == null ? null : s.delay().toMillis())
                .setFlags(flags)
                .build();
    }

    public static BarchartFuturesQuote futures(FuturesQuote q, Instant observedAt, String access) {
        return BarchartFuturesQuote.newBuilder()
                .setAccess(access)
                .setSymbol(q.symbol())
                .setBarchartSymbol(q.barchartSymbol())
                .setLast(price(q.last()))
                .setSettlement(q.settlement())
                .setBid(price(q.bid()))
                .setAsk(price(q.ask()))
                .setPreviousSettlement(price(q.previousSettlement()))
                .setLastTradeTime(nanos(q.lastTradeTime()))
                .setVolume(q.volume())
                .setOpenInterest(q.openInterest())
                .setObservedAt(nanos(observedAt))
                .setDelayMs(
                        q.lastTradeTime() == null
                                ? null
                                : Duration.between(q.lastTradeTime(), observedAt).toMillis())
                .build();
    }

    private static Long price(Double points) {
        return points == null ? null : BigDecimal.valueOf(points).multiply(SCALE).longValue();
    }

    private static Long nanos(Instant t) {
        return t == null ? null : t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
