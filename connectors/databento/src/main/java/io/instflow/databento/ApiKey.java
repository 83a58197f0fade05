package io.instflow.databento;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Databento API key. It comes from the environment ({@code DATABENTO_API_KEY}) or a {@code .env}
 * file (the working directory, then the user's home); {@link #toString()} never shows it, so it
 * cannot leak through logs, exceptions or status records.
 */
public final class ApiKey {

    /** Name of the environment variable and of the .env entry. */
    public static final String VARIABLE = "DATABENTO_API_KEY";

    static final int LENGTH = 32;

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a key after checking its shape.
     *
     * @throws IllegalArgumentException naming the problem, never quoting the key
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is empty");
        }
        String trimmed = value.trim();
        if (trimmed.length() != LENGTH) {
            throw new IllegalArgumentException(
                    VARIABLE
                            + " must be "
                            + LENGTH
                            + " characters (Databento keys look like"
                            + " db-...), got "
                            + trimmed.length());
        }
        return new ApiKey(trimmed);
    }

    /** The key from the environment or a .env file, or empty when neither has one. */
    public static Optional<ApiKey> find(Map<String, String> environment, List<Path> envFiles) {
        String fromEnv = environment.get(VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(of(fromEnv));
        }
        for (Path file : envFiles) {
            Optional<String> fromFile = readEnvFile(file);
            if (fromFile.isPresent()) {
                return Optional.of(of(fromFile.get()));
            }
        }
        return Optional.empty();
    }

    /** {@link #find} with the process environment, ./.env and ~/.env. */
    public static Optional<ApiKey> findDefault() {
        return find(
                System.getenv(),
                List.of(Path.of(".env"), Path.of(System.getProperty("user.home"), ".env")));
    }

    /** {@link #findDefault}, failing with what to do when there is no key. */
    public static ApiKey require() {
        return findDefault()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no Databento API key: set "
                                                + VARIABLE
                                                + " in the environment or in a .env file (current directory or home), e.g. "
                                                + VARIABLE
                                                + "=db-..."));
    }

    private static Optional<String> readEnvFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Optional<String> value = envValue(line);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key's value on a {@code .env} line as people write them: a byte-order mark, {@code
     * export}, spaces around {@code =}, single or double quotes, a trailing {@code # comment}.
     */
    static Optional<String> envValue(String line) {
        String l = line.replace("\uFEFF", "").trim();
        if (l.startsWith("export ")) {
            l = l.substring(7).trim();
        }
        int eq = l.indexOf('=');
        if (eq < 0 || !l.substring(0, eq).trim().equals(VARIABLE)) {
            return Optional.empty();
        }
        String v = l.substring(eq + 1).trim();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            return Optional.of(close < 0 ? v.substring(1) : v.substring(1, close));
        }
        int comment = v.indexOf(" #");
        return Optional.of((comment < 0 ? v : v.substring(0, comment)).trim());
    }

    /** The secret itself: only for the authentication line and the HTTP basic-auth header. */
    String reveal() {
        return value;
    }

    /** The last five characters, which Databento uses as the key's bucket id. */
    String bucketId() {
        return value.substring(value.length() - 5);
    }

    @Override
    public String toString() {
        return "ApiKey[hidden]";
    }
}
