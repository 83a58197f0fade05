package io.instflow.ifd.io;

import io.instflow.avro.Bar;
import io.instflow.avro.DominantSide;
import io.instflow.avro.OptionType;
import io.instflow.avro.PressureMetrics;
import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.model.BaselineDays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The baselines file: folded from a job's outputs, written, read back unchanged, checked. */
class BaselineSeedFileTest {

    private static final long WINDOW_NS = 300_000_000_000L;

    @TempDir Path tmp;

    @Test
    void shouldFoldPressureRecordsIntoContractAndPoolDaysAndReadThemBackUnchanged()
            throws Exception {
        List<PressureMetrics> windows = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            long start =
                    LocalDate.of(2026, 11, 2 + day).atTime(15, 0).toEpochSecond(ZoneOffset.UTC)
                            * 1_000_000_000L;
            bars.add(bar(start + WINDOW_NS, 21_000));
            windows.add(pressure("NQZ6 C21000", 1, start, 40 + day * 10, 20));
            windows.add(pressure("NQZ6 C21100", 2, start, 10, 30 + day));
        }
        BaselineSeed seed = PressureBaselines.fold(windows, bars, 5, 20);
        assertThat(seed.contracts()).containsOnlyKeys("NQZ6 C21000", "NQZ6 C21100");
        assertThat(seed.contract("NQZ6 C21000").dates).hasSize(3);
        assertThat(seed.pools()).containsOnlyKeys("C|m0|d4", "C|m1|d4");
        assertThat(seed.pool("C|m0|d4").days[0].windows).isEqualTo(1);

        Path file = tmp.resolve("baselines.json");
        BaselineSeedFile.write(file, seed);
        BaselineSeed read = BaselineSeedFile.read(file);
        assertThat(read.windowMinutes()).isEqualTo(5);
        assertThat(read.lookbackDays()).isEqualTo(20);
        assertThat(read.contracts()).containsOnlyKeys(seed.contracts().keySet());
        BaselineDays before = seed.contract("NQZ6 C21000");
        BaselineDays after = read.contract("NQZ6 C21000");
        assertThat(after.dates).containsExactly(before.dates);
        for (int i = 0; i < before.days.length; i++) {
            assertThat(after.days[i]).usingRecursiveComparison().isEqualTo(before.days[i]);
        }
        assertThatThrownBy(() -> read.requireWindowMinutes(1))
                .hasMessageContaining("5-minute windows but the job uses 1")
                .hasMessageContaining("instflow backfill");
    }

    @Test
    void shouldNameTheFileAndWhatToDoWhenItIsMissingOrNotABaselinesFile() throws Exception {
        Path missing = tmp.resolve("none.json");
        assertThatThrownBy(() -> BaselineSeedFile.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("instflow backfill");
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"profiles\": {}}");
        assertThatThrownBy(() -> BaselineSeedFile.read(config))
                .hasMessageContaining("is not an instflow baselines file");
        Path broken =
                Files.writeString(
                        tmp.resolve("broken.json"),
                        "{\"format\": \"instflow-baselines/1\", \"window_minutes\": 5,"
                                + " \"lookback_days\": 20, \"contracts\": {\"X\": [{\"date\": 1}]},"
                                + " \"pools\": {}}");
        assertThatThrownBy(() -> BaselineSeedFile.read(broken))
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("missing \"windows\"");
    }

    private static Bar bar(long end, long price) {
        long p = price * 1_000_000_000L;
        return Bar.newBuilder()
                .setSymbol("NQZ6")
                .setInstrumentId(9)
                .setIntervalSeconds(60)
                .setWindowStart(end - 60_000_000_000L)
                .setWindowEnd(end)
                .setOpen(p)
                .setHigh(p)
                .setLow(p)
                .setClose(p)
                .setVolume(1)
                .setBuyVolume(1)
                .setSellVolume(0)
                .setUnknownVolume(0)
                .setDelta(1)
                .setCumulativeDelta(1)
                .setTrades(1)
                .setVwap(p)
                .build();
    }

    private static PressureMetrics pressure(
            String symbol, long id, long start, long buy, long sell) {
        double lp = Math.log((buy + 1.0) / (sell + 1.0));
        return PressureMetrics.newBuilder()
                .setInstrumentId(id)
                .setRawSymbol(symbol)
                .setRoot("NQ")
                .setUnderlying("NQZ6")
                .setExpiration(
                        LocalDate.of(2026, 12, 18).atTime(14, 30).toEpochSecond(ZoneOffset.UTC)
                                * 1_000_000_000L)
                .setStrikePrice(Long.parseLong(symbol.substring(6)) * 1_000_000_000L)
                .setOptionType(OptionType.CALL)
                .setWindowStart(start)
                .setWindowEnd(start + WINDOW_NS)
                .setBuyVolume(buy)
                .setSellVolume(sell)
                .setUnknownVolume(0)
                .setTrades(2)
                .setAvgTradeSize(1)
                .setMaxTradeSize(1)
                .setBlockTrades(0)
                .setPremium(0)
                .setLogPressure(lp)
                .setPressureRatio(Math.exp(lp))
                .setBuyShare(buy / (double) (buy + sell))
                .setDominantSide(DominantSide.NEUTRAL)
                .setPressureConfidence(0)
                .setMeanBidSize(0)
                .setMeanAskSize(0)
                .setQuoteUpdates(0)
                .build();
    }
}
