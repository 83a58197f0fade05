package io.instflow.ifd;

import io.instflow.ifd.logic.DetectorParams;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineConfigTest {

    @Test
    void shouldBundleTheThreeProfilesOfTheSpec() {
        PipelineConfig config = PipelineConfig.defaults();
        DetectorParams production = config.profile("production");
        assertThat(production.minOverallConfidence()).isEqualTo(0.7);
        assertThat(production.lookbackDays()).isEqualTo(20);
        assertThat(config.profile("testing").diagnostics()).isTrue();
        assertThat(config.profile("conservative").minTotalVolume()).isEqualTo(200);
        assertThat(config.windowMinutes()).isEqualTo(5);
        assertThat(production)
                .as("production runs v3.1 with the spec's production gates")
                .isEqualTo(DetectorParams.production().toBuilder().algorithm("v3.1").build());
        assertThat(config.profile("production-v3"))
                .as("the spec's production profile, kept for shadows and reproduction")
                .isEqualTo(
                        DetectorParams.production().toBuilder().profile("production-v3").build());
        assertThat(config.profile("exploratory-v31").isV31()).isTrue();
    }

    @Test
    void shouldRejectUnknownKeysNamingThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(
                file,
                "{\"window_minutes\": 5, \"profiles\": {\"p\": {\"algorithm\": \"v3\", \"min_pressur_ratio\": 2}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'profiles.p.min_pressur_ratio'")
                .hasMessageContaining("min_pressure_ratio");
        Files.writeString(file, "{\"window_minutes\": -1, \"profiles\": {}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("'profiles' must name at least one");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> PipelineConfig.defaults().profile("prod"))
                .hasMessageContaining("unknown profile 'prod'")
                .hasMessageContaining("production");
    }

    @Test
    void shouldRefuseWrongTypesFractionsRangesAndDuplicatesNamingFileAndPath(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("pipeline_config.json");
        String production =
                "\"algorithm\": \"v3\", \"min_pressure_ratio\": 2.0, \"min_volume_concentration\": 0.4,"
                        + " \"min_time_persistence\": 0.5, \"min_trend_strength\": 0.6, \"min_baseline_anomaly\": 2.0,"
                        + " \"market_making_penalty\": 0.4, \"lookback_days\": 20, \"min_data_quality\": 0.9,"
                        + " \"min_total_volume\": 100, \"diagnostics\": false";
        String[][] cases = {
            {
                "\"min_overall_confidence\": \"high\"",
                "profiles.p.min_overall_confidence must be a number"
            },
            {
                "\"min_overall_confidence\": -1",
                "profiles.p.min_overall_confidence must be from 0.0 to 1.0"
            },
            {"\"min_overall_confidence\": 7.5", "got 7.5"},
            {"\"min_overall_confidence\": null", "got null"},
        };
        for (String[] c : cases) {
            Files.writeString(file, "{\"profiles\": {\"p\": {" + production + ", " + c[0] + "}}}");
            assertThatThrownBy(() -> PipelineConfig.load(file))
                    .as(c[0])
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining(c[1]);
        }
        String ok = "\"min_overall_confidence\": 0.7";
        Files.writeString(
                file,
                "{\"profiles\": {\"p\": {"
                        + production.replace("\"diagnostics\": false", "\"diagnostics\": \"yes\"")
                        + ", "
                        + ok
                        + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("profiles.p.diagnostics must be true or false");
        Files.writeString(
                file,
                "{\"profiles\": {\"p\": {"
                        + production.replace("\"lookback_days\": 20", "\"lookback_days\": 2.7")
                        + ", "
                        + ok
                        + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("lookback_days must be an integer");
        Files.writeString(
                file,
                "{\"profiles\": {\"p\": {"
                        + production.replace(
                                "\"lookback_days\": 20", "\"lookback_days\": 4294967301")
                        + ", "
                        + ok
                        + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("lookback_days must be an integer");
        Files.writeString(
                file,
                "{\"window_minutes\": 7, \"profiles\": {\"p\": {" + production + ", " + ok + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("window_minutes must be an integer from 1 to 5");
        Files.writeString(
                file, "{\"profiles\": {\"p\": {" + production + ", " + ok + ", " + ok + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file)).hasMessageContaining("Duplicate field");
        Files.writeString(file, "{\"profiles\": {\"p\": {" + production + ", " + ok + "}}}");
        assertThat(PipelineConfig.load(file).profile("p").minOverallConfidence()).isEqualTo(0.7);
    }

    @Test
    void shouldSelectV31WithItsStructureValuesOrTheirDefaults(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("pipeline_config.json");
        String common =
                "\"min_pressure_ratio\": 2.0, \"min_volume_concentration\": 0.4,"
                        + " \"min_time_persistence\": 0.5, \"min_trend_strength\": 0.6, \"min_baseline_anomaly\": 2.0,"
                        + " \"min_overall_confidence\": 0.7, \"market_making_penalty\": 0.4, \"lookback_days\": 20,"
                        + " \"min_data_quality\": 0.9, \"min_total_volume\": 100, \"diagnostics\": false";
        Files.writeString(
                file,
                "{\"profiles\": {\"a\": {\"algorithm\": \"v3.1\", "
                        + common
                        + ", \"structure\": {\"min_leg_size\": 10, \"match_ms\": 500,"
                        + " \"size_tolerance\": 0.1, \"min_share\": 0.6}},"
                        + " \"b\": {\"algorithm\": \"v3.1\", "
                        + common
                        + "}}}");
        PipelineConfig config = PipelineConfig.load(file);
        DetectorParams a = config.profile("a");
        assertThat(a.isV31()).isTrue();
        assertThat(a.structureMinLegSize()).isEqualTo(10);
        assertThat(a.structureMatchMs()).isEqualTo(500);
        assertThat(a.structureSizeTolerance()).isEqualTo(0.1);
        assertThat(a.structureMinShare()).isEqualTo(0.6);
        assertThat(config.profile("b").structureMatchMs())
                .isEqualTo(DetectorParams.production().structureMatchMs());
        Files.writeString(
                file,
                "{\"profiles\": {\"a\": {\"algorithm\": \"v3.1\", "
                        + common
                        + ", \"structure\": {\"match_s\": 1}}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("unknown key 'profiles.a.structure.match_s'")
                .hasMessageContaining("match_ms");
        Files.writeString(
                file,
                "{\"definition_wait_ms\": 120000, \"profiles\": {\"a\": {\"algorithm\": \"v3\", "
                        + common
                        + "}}}");
        assertThat(PipelineConfig.load(file).definitionWaitMs()).isEqualTo(120_000);
        Files.writeString(file, "{\"profiles\": {\"a\": {\"algorithm\": \"v4\", " + common + "}}}");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .hasMessageContaining("profiles.a.algorithm must be one of [compat, v3, v3.1]");
    }

    @Test
    void shouldParseJobArguments() {
        IfdConfig config =
                IfdJob.parse(
                        new String[] {
                            "--bootstrap",
                            "k:9092",
                            "--profile",
                            "testing",
                            "--topic-prefix",
                            "shadow.",
                            "--bounded",
                            "--preview"
                        });
        assertThat(config.bootstrap()).isEqualTo("k:9092");
        assertThat(config.params().profile()).isEqualTo("testing");
        assertThat(config.outputPrefix()).isEqualTo("shadow.");
        assertThat(config.bounded()).isTrue();
        assertThat(config.exactlyOnce()).isFalse();
        assertThatThrownBy(() -> IfdJob.parse(new String[] {"stray"}))
                .hasMessageContaining("unexpected argument 'stray'");
    }

    @Test
    void shouldEmitWatermarksAndFlushBuffersSoonerInPreviewModeOnly() {
        Configuration preview =
                IfdJob.environment(
                        IfdJob.parse(new String[] {"--profile", "testing", "--preview"}));
        assertThat(preview.get(PipelineOptions.AUTO_WATERMARK_INTERVAL))
                .isEqualTo(Duration.ofMillis(IfdJob.PREVIEW_WATERMARK_INTERVAL_MS))
                .isLessThan(PipelineOptions.AUTO_WATERMARK_INTERVAL.defaultValue());
        assertThat(preview.get(ExecutionOptions.BUFFER_TIMEOUT))
                .isEqualTo(Duration.ofMillis(IfdJob.PREVIEW_BUFFER_TIMEOUT_MS))
                .isLessThan(ExecutionOptions.BUFFER_TIMEOUT.defaultValue());

        Configuration exactlyOnce =
                IfdJob.environment(IfdJob.parse(new String[] {"--profile", "testing"}));
        assertThat(exactlyOnce.contains(PipelineOptions.AUTO_WATERMARK_INTERVAL))
                .as("exactly-once output waits for checkpoints: Flink's defaults")
                .isFalse();
        assertThat(exactlyOnce.contains(ExecutionOptions.BUFFER_TIMEOUT)).isFalse();
    }

    @Test
    void shouldDocumentEveryKeyInTheReadme() throws IOException {
        String readme =
                Files.readString(
                        io.instflow.testing.SharedTestData.repositoryRoot().resolve("README.md"));
        int start = readme.indexOf("## Configuration (`pipeline_config.json`)");
        assertThat(start).as("the README's configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String key : PipelineConfig.keys()) {
            assertThat(section).as("README documents %s", key).contains("| `" + key + "` |");
        }
    }
}
