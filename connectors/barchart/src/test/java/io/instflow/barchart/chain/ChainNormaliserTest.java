package io.instflow.barchart.chain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of spec/barchart.md §5.1 on hand-made rows: zero versus null, dates, sessions, IV. */
class ChainNormaliserTest {

    /** 2025-06-27 13:05 CT. */
    private static final Instant OBSERVED = Instant.parse("2025-06-27T18:05:00Z");

    private static String row(
            String symbol,
            String type,
            int strike,
            String bid,
            double rawBid,
            String last,
            double rawLast,
            String tradeTime,
            long rawTradeTime,
            String volume,
            String oi,
            String iv) {
        return """
            {"symbol":"%s","optionType":"%s","lastPrice":"%s","tradeTime":"%s","bidPrice":"%s",
             "raw":{"symbol":"%s","optionType":"%s","strike":%d,"bidPrice":%s,"askPrice":%s,"lastPrice":%s,
                    "tradeTime":%d,"volume":%s,"openInterest":%s,"priceChange":0%s}}
            """
                .formatted(
                        symbol,
                        type,
                        last,
                        tradeTime,
                        bid,
                        symbol,
                        type,
                        strike,
                        rawBid,
                        rawBid == 0 ? 0 : rawBid + 1,
                        rawLast,
                        rawTradeTime,
                        volume,
                        oi,
                        iv == null ? "" : ",\"optImpliedVolatility\":" + iv);
    }

    private static ChainSnapshot normalise(String... rows) throws Exception {
        String body =
                "{\"count\":2,\"total\":"
                        + rows.length
                        + ",\"data\":{\"Call\":["
                        + String.join(",", rows)
                        + "]}}";
        return ChainNormaliser.normalise(
                ChainParser.parse(body.getBytes(StandardCharsets.UTF_8)), "MQ4M25", OBSERVED);
    }

    @Test
    void shouldTurnZeroQuotesIntoAbsentAndKeepSettlementsApart() throws Exception {
        ChainSnapshot s =
                normalise(
                        row(
                                "MQ4M5|21900C",
                                "Call",
                                21900,
                                "N/A",
                                0,
                                "120.50s",
                                120.5,
                                "06/26/25",
                                1750896000L,
                                "null",
                                "12",
                                null),
                        row(
                                "MQ4M5|22000C",
                                "Call",
                                22000,
                                "80.25",
                                80.25,
                                "81.00",
                                81,
                                "12:55 CT",
                                Instant.parse("2025-06-27T17:55:00Z").getEpochSecond(),
                                "7",
                                "null",
                                "21.5"));
        OptionQuote settled = s.quotes().get(0);
        assertThat(settled.bid()).isNull();
        assertThat(settled.ask()).isNull();
        assertThat(settled.last()).isEqualTo(120.5);
        assertThat(settled.settlement()).isTrue();
        assertThat(settled.lastTradeTime())
                .as("a date-only trade time is not a trade time")
                .isNull();
        assertThat(settled.lastTradeDate()).isEqualTo(LocalDate.of(2025, 6, 26));
        assertThat(settled.sessionVolume()).isZero();
        assertThat(settled.previousSessionVolume()).isNull();
        assertThat(settled.openInterest()).isEqualTo(12);
        assertThat(settled.impliedVolatility()).isNull();

        OptionQuote traded = s.quotes().get(1);
        assertThat(traded.bid()).isEqualTo(80.25);
        assertThat(traded.ask()).isEqualTo(81.25);
        assertThat(traded.settlement()).isFalse();
        assertThat(traded.lastTradeTime()).isEqualTo(Instant.parse("2025-06-27T17:55:00Z"));
        assertThat(traded.sessionVolume()).isEqualTo(7);
        assertThat(traded.openInterest()).as("null open interest stays absent, not 0").isNull();
        assertThat(traded.impliedVolatility()).isEqualTo(0.215);
        assertThat(s.dataTime()).isEqualTo(Instant.parse("2025-06-27T17:55:00Z"));
        assertThat(s.delay()).hasMinutes(10);
        assertThat(s.flags())
                .doesNotContain(
                        ChainSnapshot.Flag.NO_IV,
                        ChainSnapshot.Flag.STALE,
                        ChainSnapshot.Flag.DEAD_SERIES);
    }

    @Test
    void shouldKeepAnEarlierSessionsVolumeOutOfThisSession() throws Exception {
        long yesterdayAfternoon = Instant.parse("2025-06-26T19:30:00Z").getEpochSecond();
        long lastNight = Instant.parse("2025-06-26T23:10:00Z").getEpochSecond();
        ChainSnapshot s =
                normalise(
                        row(
                                "MQ4M5|21900C",
                                "Call",
                                21900,
                                "1.00",
                                1,
                                "2.00",
                                2,
                                "14:30 CT",
                                yesterdayAfternoon,
                                "40",
                                "5",
                                null),
                        row(
                                "MQ4M5|22000C",
                                "Call",
                                22000,
                                "1.00",
                                1,
                                "2.00",
                                2,
                                "18:10 CT",
                                lastNight,
                                "9",
                                "5",
                                null));
        assertThat(s.quotes().get(0).sessionVolume())
                .as("traded before 17:00 CT yesterday")
                .isZero();
        assertThat(s.quotes().get(0).previousSessionVolume()).isEqualTo(40);
        assertThat(s.quotes().get(1).sessionVolume())
                .as("traded after the session opened")
                .isEqualTo(9);
        assertThat(s.flags())
                .contains(
                        ChainSnapshot.Flag.STALE,
                        ChainSnapshot.Flag.NO_IV,
                        ChainSnapshot.Flag.PARTIAL);
    }

    @Test
    void shouldRejectRowsWhoseSymbolContradictsStrikeOrSideAndCountUnknownSeries()
            throws Exception {
        long t = Instant.parse("2025-06-27T17:55:00Z").getEpochSecond();
        ChainSnapshot s =
                normalise(
                        row(
                                "MQ4M5|21900C",
                                "Call",
                                21950,
                                "1.00",
                                1,
                                "2.00",
                                2,
                                "12:55 CT",
                                t,
                                "1",
                                "1",
                                null),
                        row(
                                "XY1M5|21900C",
                                "Call",
                                21900,
                                "1.00",
                                1,
                                "2.00",
                                2,
                                "12:55 CT",
                                t,
                                "1",
                                "1",
                                null));
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.unmapped()).isEqualTo(1);
        assertThat(s.quotes())
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.cmeRoot()).isNull();
                            assertThat(q.rawSymbol()).isNull();
                            assertThat(q.barchartSymbol()).isEqualTo("XY1M5|21900C");
                        });
        assertThat(s.flags()).contains(ChainSnapshot.Flag.PARTIAL);
    }

    @Test
    void shouldCallMalformedBodiesSchemaDrift() {
        assertThatThrownBy(() -> ChainParser.parse("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SchemaDriftException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(
                        () -> ChainParser.parse("{\"total\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no 'data'");
        assertThatThrownBy(
                        () ->
                                ChainParser.parse(
                                        "{\"data\":[{\"symbol\":\"MQ4M5|1C\"}]}"
                                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no 'raw' object");
    }
}
