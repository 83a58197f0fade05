package io.instflow.barchart.futures;

import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The captured futures list (wheat, the only one there is): raw values, cash row, settlements. */
class FuturesParserTest {

    @Test
    void shouldParseTheCapturedFuturesList() throws Exception {
        List<FuturesQuote> quotes =
                FuturesParser.parse(
                        Files.readAllBytes(
                                SharedTestData.file(
                                        "barchart/nq-options-trading-system/authenticated_live_data_20250602_144014.json")));
        assertThat(quotes).hasSize(12);
        FuturesQuote cash = quotes.get(0);
        assertThat(cash.cash()).isTrue();
        assertThat(cash.symbol()).isEqualTo("ZWY00");
        assertThat(cash.volume()).isNull();
        assertThat(cash.openInterest()).isNull();
        FuturesQuote july = quotes.get(1);
        assertThat(july.symbol()).isEqualTo("ZWN5");
        assertThat(july.barchartSymbol()).isEqualTo("ZWN25");
        assertThat(july.last()).isEqualTo(539.0);
        assertThat(july.settlement()).isTrue();
        assertThat(july.previousSettlement()).isEqualTo(534.0);
        assertThat(july.volume()).isEqualTo(78_045);
        assertThat(july.openInterest()).isEqualTo(246_992);
        assertThat(july.lastTradeTime()).as("a date-only trade time").isNull();
        assertThat(july.lastTradeDate()).isEqualTo(LocalDate.of(2025, 6, 2));
        assertThat(july.bid()).as("not requested, so absent").isNull();
        assertThat(quotes.get(11).symbol()).isEqualTo("ZWN7");
    }

    @Test
    void shouldNormaliseContractYearsToOneDigit() {
        assertThat(FuturesParser.databentoForm("NQU25")).isEqualTo("NQU5");
        assertThat(FuturesParser.databentoForm("NQU5")).isEqualTo("NQU5");
    }
}
