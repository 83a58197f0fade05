package io.instflow.barchart.symbols;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every series code spec/barchart.md §4.2 lists, both ways, with the expiries it observed. */
class NqSeriesCodesTest {

    @ParameterizedTest(name = "{0} = {2}, expiring {3}")
    @CsvSource({
        "MC6M25, MC6, Q1A, 2025-06-02, Monday weekly, week 1",
        "MC7M25, MC7, Q2A, 2025-06-09, Monday weekly, week 2",
        "MC8M25, MC8, Q3A, 2025-06-16, Monday weekly, week 3",
        "MC9M25, MC9, Q4A, 2025-06-23, Monday weekly, week 4",
        "MC6N5, MC6, Q1A, 2025-07-07, Monday weekly, week 1",
        "MM1M25, MM1, Q1B, 2025-06-03, Tuesday weekly, week 1",
        "MM2M25, MM2, Q2B, 2025-06-10, Tuesday weekly, week 2",
        "MM1N25, MM1, Q1B, 2025-07-01, Tuesday weekly, week 1",
        "MC1M25, MC1, Q1C, 2025-06-04, Wednesday weekly, week 1",
        "MC2M25, MC2, Q2C, 2025-06-11, Wednesday weekly, week 2",
        "MC4M25, MC4, Q4C, 2025-06-25, Wednesday weekly, week 4",
        "MM6M25, MM6, Q1D, 2025-06-05, Thursday weekly, week 1",
        "MM7M25, MM7, Q2D, 2025-06-12, Thursday weekly, week 2",
        "MM6N25, MM6, Q1D, 2025-07-03, Thursday weekly, week 1",
        "MQ1M25, MQ1, QN1, 2025-06-06, Friday weekly, week 1",
        "MQ2M25, MQ2, QN2, 2025-06-13, Friday weekly, week 2",
        "MQ4M25, MQ4, QN4, 2025-06-27, Friday weekly, week 4",
        "MQ6M25, MQ6, QNE, 2025-06-30, end of month",
        "NQM25, NQ, NQ, 2025-06-20, quarterly",
    })
    void shouldMapEveryListedCodeBothWays(
            String code, String barchartRoot, String cmeRoot, String expiry, String kind) {
        SeriesCode series = SeriesCode.parse(code, LocalDate.of(2025, 6, 15));
        assertThat(series.barchartRoot()).isEqualTo(barchartRoot);
        assertThat(series.series().cmeRoot()).isEqualTo(cmeRoot);
        assertThat(series.expiry()).isEqualTo(LocalDate.parse(expiry));
        assertThat(series.series().describe()).startsWith(kind.split(",")[0]);
        assertThat(NqSeriesCodes.toBarchartRoot(cmeRoot)).contains(barchartRoot);
        assertThat(SeriesCode.of(series.series(), series.month()).requestCode())
                .isEqualTo(
                        code.length() == 5
                                        && Character.isDigit(code.charAt(4))
                                        && !code.startsWith("NQ")
                                ? code.substring(0, 4) + "2" + code.charAt(4)
                                : code);
    }

    @Test
    void shouldBuildDatabentoRawSymbolsFromPipelineSymbols() {
        LocalDate june2025 = LocalDate.of(2025, 6, 27);
        assertThat(OptionSymbol.parse("MC7M5|21700C", june2025).databentoRawSymbol())
                .isEqualTo("Q2AM5 C21700");
        assertThat(OptionSymbol.parse("MM1N5|22000P", june2025).databentoRawSymbol())
                .isEqualTo("Q1BN5 P22000");
        assertThat(OptionSymbol.parse("MC2M5|21800P", june2025).databentoRawSymbol())
                .isEqualTo("Q2CM5 P21800");
        assertThat(OptionSymbol.parse("MM6N5|22800C", june2025).databentoRawSymbol())
                .isEqualTo("Q1DN5 C22800");
        OptionSymbol friday = OptionSymbol.parse("MQ4M5|21900C", june2025);
        assertThat(friday.databentoRawSymbol()).isEqualTo("QN4M5 C21900");
        assertThat(friday.strike()).isEqualByComparingTo(BigDecimal.valueOf(21_900));
        assertThat(friday.expiry()).isEqualTo(LocalDate.of(2025, 6, 27));
    }

    @Test
    void shouldResolveOneDigitYearsAgainstTheObservationNotToday() {
        assertThat(OptionSymbol.parse("MQ4M5|21900C", LocalDate.of(2026, 11, 24)).month())
                .isEqualTo(YearMonth.of(2025, 6));
        assertThat(OptionSymbol.parse("MQ4M5|21900C", LocalDate.of(2034, 3, 1)).month())
                .isEqualTo(YearMonth.of(2035, 6));
        assertThat(Years.resolve(9, LocalDate.of(2030, 1, 1))).isEqualTo(2029);
        assertThat(Years.resolve(0, LocalDate.of(2029, 12, 31))).isEqualTo(2030);
    }

    @Test
    void shouldRefuseUnknownCodesByName() {
        assertThatThrownBy(() -> SeriesCode.parse("ZZ9M25", LocalDate.of(2025, 6, 1)))
                .hasMessageContaining("ZZ9")
                .hasMessageContaining("known: MC6");
        assertThatThrownBy(() -> OptionSymbol.parse("MQ4M5-21900C", LocalDate.of(2025, 6, 1)))
                .hasMessageContaining("MQ4M5-21900C")
                .hasMessageContaining("MQ4M5|21800C");
        assertThat(NqSeriesCodes.toBarchartRoot("Q5A"))
                .as("Monday week 5 has no known code")
                .isEmpty();
        assertThat(NqSeriesCodes.toBarchartRoot("Q5C")).contains("MC5");
    }
}
