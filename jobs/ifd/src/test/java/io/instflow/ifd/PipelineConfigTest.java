package io.instflow.ifd;

import io.instflow.ifd.logic.DetectorParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(production).isEqualTo(DetectorParams.production());
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
}
