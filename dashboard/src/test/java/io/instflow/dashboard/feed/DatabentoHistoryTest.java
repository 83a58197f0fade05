package io.instflow.dashboard.feed;

import io.instflow.dashboard.model.BarView;
import io.instflow.databento.ApiKey;
import io.instflow.databento.HistoricalClient;
import io.instflow.databento.ReconnectPolicy;
import io.instflow.testing.FakeHistoricalApi;
import io.instflow.testing.SharedTestData;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fallback history through Databento's historical API on this machine, which answers with a
 * real ohlcv-1m file of ESM4 and NQM4 (ten minutes from 2024-05-09 09:55 UTC).
 */
public class DatabentoHistoryTest {

    /** The real ohlcv-1m file, by its path under the shared test data. */
    public static final String OHLCV =
            "glbx/nautilus_trader/options_catalog/futures_ohlcv-1m_2024-05-09T09-55_2024-05-09T10-05.dbn.zst";

    @Test
    void shouldRequestTheFrontNqFutureAndBuildFiveMinuteBars() throws Exception {
        byte[] body = Files.readAllBytes(SharedTestData.file(OHLCV));
        try (FakeHistoricalApi api = new FakeHistoricalApi(Map.of("ohlcv-1m", body))) {
            List<BarView> bars =
                    DatabentoHistory.frontNq(client(api))
                            .load(Instant.parse("2024-05-10T00:00:00Z"));

            assertThat(api.forms().get(0))
                    .containsEntry("dataset", "GLBX.MDP3")
                    .containsEntry("schema", "ohlcv-1m")
                    .containsEntry("symbols", "NQ.c.0")
                    .containsEntry("stype_in", "continuous")
                    .containsEntry("start", "2024-05-06T00:00:00Z")
                    .doesNotContainKey("end");

            List<BarView> nq = bars.stream().filter(b -> b.symbol().equals("NQM4")).toList();
            List<BarView> minutes = nq.stream().filter(b -> b.interval() == 60).toList();
            List<BarView> fives = nq.stream().filter(b -> b.interval() == 300).toList();
            long first = Instant.parse("2024-05-09T09:55:00Z").getEpochSecond();
            assertThat(minutes).hasSize(10);
            assertThat(minutes.get(0).time()).isEqualTo(first);
            assertThat(minutes.get(0).close())
                    .as("NQ's bars in index points, not ES's")
                    .isBetween(17_000.0, 19_500.0);
            assertThat(fives).extracting(BarView::time).containsExactly(first, first + 300);

            List<BarView> firstFive = minutes.subList(0, 5);
            BarView five = fives.get(0);
            assertThat(five.open()).isEqualTo(firstFive.get(0).open());
            assertThat(five.close()).isEqualTo(firstFive.get(4).close());
            assertThat(five.high())
                    .isEqualTo(firstFive.stream().mapToDouble(BarView::high).max().orElseThrow());
            assertThat(five.low())
                    .isEqualTo(firstFive.stream().mapToDouble(BarView::low).min().orElseThrow());
            assertThat(five.volume())
                    .isEqualTo(firstFive.stream().mapToLong(BarView::volume).sum());
        }
    }

    @Test
    void shouldFailWithTheApisReason() throws Exception {
        try (FakeHistoricalApi api = new FakeHistoricalApi(Map.of())) {
            DatabentoHistory history = DatabentoHistory.frontNq(client(api));
            assertThatThrownBy(() -> history.load(Instant.parse("2024-05-10T00:00:00Z")))
                    .hasMessageContaining("schema ohlcv-1m not served here");
        }
    }

    public static HistoricalClient client(FakeHistoricalApi api) {
        return new HistoricalClient(
                api.baseUrl(),
                ApiKey.of("db-" + "A".repeat(29)),
                new ReconnectPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0, 1),
                d -> {});
    }
}
