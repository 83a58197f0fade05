package io.instflow.strategies;

import io.instflow.ifd.PipelineConfig;
import io.instflow.strategies.logic.StrategyParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strategies of pipeline_config.json: bundled ones, defaults, and errors that name the key. */
class StrategiesSectionTest {

    @Test
    void shouldBundleTwoStrategiesWithTheMeasuredVisibilityDelay() {
        PipelineConfig config = PipelineConfig.defaults();
        List<StrategyParams> strategies = StrategiesSection.of(config);
        assertThat(strategies)
                .extracting(StrategyParams::name)
                .containsExactly("follow-high", "follow-all-scaled");
        StrategyParams high = strategies.get(0);
        assertThat(high.minTier()).isEqualTo("HIGH");
        assertThat(high.stopLossPoints()).isEqualTo(20);
        assertThat(high.takeProfitPoints()).isEqualTo(40);
        assertThat(high.visibilityDelayMs())
                .as("2 s out-of-orderness + the p99 commit latency, 0.97 of the 10 s interval")
                .isEqualTo(11_700);
        assertThat(strategies.get(1).scaleByConfidence()).isTrue();
    }

    @Test
    void shouldDefaultEveryKeyAndAcceptAnEmptySection(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pipeline_config.json");
        Files.writeString(
                file,
                "{\"checkpoint_interval_ms\": 2000, \"profiles\": {\"p\": "
                        + profile()
                        + "}, \"strategies\": {\"plain\": {}}}");
        StrategyParams plain = StrategiesSection.of(PipelineConfig.load(file)).get(0);
        assertThat(plain)
                .isEqualTo(StrategyParams.nqDefaults("plain", 2000 + Math.round(2000 * 0.97)));
        Files.writeString(file, "{\"profiles\": {\"p\": " + profile() + "}}");
        assertThat(StrategiesSection.of(PipelineConfig.load(file))).isEmpty();
    }

    @Test
    void shouldRefuseBadStrategiesNamingFileAndPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pipeline_config.json");
        assertThatThrownBy(() -> load(file, "{\"s\": {\"risk_management\": {\"stop_los\": 3}}}"))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key 'strategies.s.risk_management.stop_los'")
                .hasMessageContaining("stop_loss_points");
        assertThatThrownBy(
                        () -> load(file, "{\"s\": {\"risk_management\": {\"max_position\": 2.5}}}"))
                .hasMessageContaining(
                        "strategies.s.risk_management.max_position must be an integer");
        assertThatThrownBy(() -> load(file, "{\"s\": {\"min_tier\": \"LOW\"}}"))
                .hasMessageContaining("strategies.s.min_tier must be one of");
        assertThatThrownBy(() -> load(file, "{\"s\": {\"visibility_delay_ms\": 0}}"))
                .as("a signal is never acted on at once")
                .hasMessageContaining("strategies.s.visibility_delay_ms must be an integer from 1");
        assertThatThrownBy(() -> load(file, "{\"Big Name\": {}}"))
                .hasMessageContaining("strategies.Big Name is not a strategy name");
        assertThatThrownBy(() -> load(file, "[1]"))
                .hasMessageContaining("'strategies' must be an object");
    }

    @Test
    void shouldDocumentEveryKeyInTheReadme() throws IOException {
        String readme =
                Files.readString(
                        io.instflow.testing.SharedTestData.repositoryRoot().resolve("README.md"));
        int start = readme.indexOf("### Paper strategies (`strategies`)");
        assertThat(start).as("the README's strategies configuration").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String key : StrategiesSection.keys()) {
            assertThat(section).as("README documents %s", key).contains("| `" + key + "` |");
        }
    }

    private static List<StrategyParams> load(Path file, String strategies) throws IOException {
        Files.writeString(
                file,
                "{\"profiles\": {\"p\": " + profile() + "}, \"strategies\": " + strategies + "}");
        return StrategiesSection.of(PipelineConfig.load(file));
    }

    private static String profile() {
        return "{\"algorithm\": \"v3\", \"min_pressure_ratio\": 1.5, \"min_volume_concentration\": 0.3,"
                + " \"min_time_persistence\": 0.3, \"min_trend_strength\": 0.4, \"min_baseline_anomaly\": 1.5,"
                + " \"min_overall_confidence\": 0.5, \"market_making_penalty\": 0.3, \"lookback_days\": 10,"
                + " \"min_data_quality\": 0.7, \"min_total_volume\": 50, \"diagnostics\": false}";
    }
}
