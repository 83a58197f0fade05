package io.instflow.databento;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    static final String KEY = "db-unittestapikey1234567890FFFFF";

    @Test
    void shouldPreferTheEnvironmentToEnvFiles(@TempDir Path dir) throws IOException {
        Path env = dir.resolve(".env");
        Files.writeString(
                env, "OTHER=1\nexport DATABENTO_API_KEY=\"db-fromfilefromfilefromfile12345\"\n");
        ApiKey fromEnv = ApiKey.find(Map.of("DATABENTO_API_KEY", KEY), List.of(env)).orElseThrow();
        assertThat(GatewayProtocol.cramResponse("abcd1234", fromEnv)).endsWith("-FFFFF");
        ApiKey fromFile = ApiKey.find(Map.of(), List.of(dir.resolve("missing"), env)).orElseThrow();
        assertThat(fromFile.bucketId()).isEqualTo("12345");
        assertThat(ApiKey.find(Map.of(), List.of(dir.resolve("missing")))).isEmpty();
    }

    @Test
    void shouldNeverShowTheKey() {
        ApiKey key = ApiKey.of(KEY);
        assertThat(key.toString()).doesNotContain("unittest").isEqualTo("ApiKey[hidden]");
        assertThatThrownBy(() -> ApiKey.of("db-tooshort-secretvalue"))
                .hasMessageContaining("must be 32 characters")
                .hasMessageNotContaining("secretvalue");
    }

    @Test
    void shouldReadEnvFilesAsPeopleWriteThem(@TempDir Path dir) throws IOException {
        String key = "db-" + "A".repeat(29);
        for (String line :
                java.util.List.of(
                        "\uFEFFDATABENTO_API_KEY=" + key,
                        "DATABENTO_API_KEY = " + key,
                        "export DATABENTO_API_KEY=\"" + key + "\"",
                        "  DATABENTO_API_KEY='" + key + "'  # the team key",
                        "DATABENTO_API_KEY=" + key + " # the team key")) {
            Path env = dir.resolve(".env");
            Files.writeString(env, "# settings\nOTHER=1\n" + line + "\n");
            assertThat(ApiKey.find(java.util.Map.of(), java.util.List.of(env)))
                    .as(line)
                    .isPresent();
        }
        assertThat(ApiKey.envValue("DATABENTO_API_KEY_OLD=x")).isEmpty();
    }
}
