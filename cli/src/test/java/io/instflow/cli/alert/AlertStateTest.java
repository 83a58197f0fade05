package io.instflow.cli.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertStateTest {

    @TempDir Path tmp;

    @Test
    void shouldComeBackAsSavedAndRememberOnlyTheMostRecentIds() {
        Path file = tmp.resolve("nested/state.json");
        AlertState state = AlertState.load(file);
        assertThat(state.isNew()).isTrue();
        for (int i = 0; i < AlertState.REMEMBERED_IDS + 5; i++) {
            state.markSent("s-" + i);
        }
        state.advance(0, 12);
        state.advance(3, 7);
        state.save();

        AlertState loaded = AlertState.load(file);
        assertThat(loaded.isNew()).isFalse();
        assertThat(loaded.offset(0)).hasValue(12);
        assertThat(loaded.offset(3)).hasValue(7);
        assertThat(loaded.offset(1)).isEmpty();
        assertThat(loaded.sent()).hasSize(AlertState.REMEMBERED_IDS);
        assertThat(loaded.wasSent("s-4")).isFalse();
        assertThat(loaded.wasSent("s-5")).isTrue();
        assertThat(loaded.wasSent("s-" + (AlertState.REMEMBERED_IDS + 4))).isTrue();
    }

    @Test
    void shouldNameAFileThatIsNotAnAlertersStateAndSayWhatToDo() throws Exception {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"offsets\": {\"0\": -4}}");
        assertThatThrownBy(() -> AlertState.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("partition 0 has offset -4")
                .hasMessageContaining("move it away");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> AlertState.load(file)).hasMessageContaining(file.toString());
    }
}
