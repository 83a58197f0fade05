package io.instflow.databento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Historical responses kept on disk, so a repeated request reads the file instead of paying for the
 * data again. An entry is the response's DBN body ({@code KEY.dbn.zst}) beside what was asked
 * ({@code KEY.json}); the key is a hash of the dataset, schema, symbols (in any order), symbology,
 * range and limit. Only closed ranges that ended at least {@link #SETTLED} ago are kept: a range
 * reaching into the last day may still be filling.
 */
public final class HistoricalCache {

    /** How long after a range's end its data is taken as final. */
    public static final Duration SETTLED = Duration.ofDays(1);

    /**
     * Where the cache lives unless told otherwise: {@code $INSTFLOW_CACHE} or ~/.instflow/cache.
     */
    public static Path defaultRoot() {
        String env = System.getenv("INSTFLOW_CACHE");
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".instflow", "cache");
    }

    /** One cached response, as listed. */
    public record Entry(
            Path body,
            String dataset,
            String schema,
            List<String> symbols,
            String start,
            String end,
            long records,
            long bytes,
            Instant fetchedAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public HistoricalCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Whether {@code request}'s answer may be kept: a closed range settled by {@code now}. */
    public static boolean cacheable(HistoricalRequest request, Instant now) {
        return request.end() != null
                && parse(request.end()).map(end -> !end.plus(SETTLED).isAfter(now)).orElse(false);
    }

    /** The cached body of {@code request}, if there is one. */
    public Optional<Path> lookup(HistoricalRequest request) {
        Path body = body(request);
        return Files.isRegularFile(body) && Files.isRegularFile(sidecar(body))
                ? Optional.of(body)
                : Optional.empty();
    }

    /**
     * A file to write a response into before {@link #store} (same directory, so moves are atomic).
     */
    public Path newTempFile(HistoricalRequest request) {
        try {
            Path dir = body(request).getParent();
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "incoming-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the cache " + root, e);
        }
    }

    /** Makes the complete response in {@code temp} the entry of {@code request}. */
    public Path store(HistoricalRequest request, Path temp, long records, Instant now) {
        Path body = body(request);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("dataset", request.dataset());
        meta.put("schema", request.schema());
        var symbols = meta.putArray("symbols");
        new TreeSet<>(request.symbols()).forEach(symbols::add);
        meta.put("stype_in", request.stypeIn());
        meta.put("start", request.start());
        meta.put("end", request.end());
        if (request.limit() != null) {
            meta.put("limit", request.limit());
        }
        meta.put("records", records);
        meta.put("fetched_at", now.toString());
        try {
            Files.move(
                    temp,
                    body,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Path metaTemp = Files.createTempFile(body.getParent(), "incoming-", ".json.part");
            Files.writeString(metaTemp, meta.toPrettyString());
            Files.move(
                    metaTemp,
                    sidecar(body),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the cache " + root, e);
        }
    }

    /** Every complete entry, oldest first. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path meta : files.filter(f -> f.toString().endsWith(".dbn.zst.json")).toList()) {
                Path body = Path.of(meta.toString().substring(0, meta.toString().length() - 5));
                if (Files.isRegularFile(body)) {
                    entries.add(entry(body, JSON.readTree(meta.toFile())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cache " + root, e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::fetchedAt));
        return entries;
    }

    /** Deletes {@code entry}'s files; returns the bytes freed. */
    public long delete(Entry entry) {
        try {
            Files.deleteIfExists(sidecar(entry.body()));
            Files.deleteIfExists(entry.body());
            return entry.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + entry.body(), e);
        }
    }

    private static Entry entry(Path body, JsonNode meta) throws IOException {
        List<String> symbols = new ArrayList<>();
        meta.path("symbols").forEach(s -> symbols.add(s.asText()));
        return new Entry(
                body,
                meta.path("dataset").asText(),
                meta.path("schema").asText(),
                symbols,
                meta.path("start").asText(),
                meta.path("end").asText(),
                meta.path("records").asLong(),
                Files.size(body),
                Instant.parse(meta.path("fetched_at").asText(Instant.EPOCH.toString())));
    }

    private Path body(HistoricalRequest request) {
        return root.resolve("databento")
                .resolve(safe(request.dataset()))
                .resolve(safe(request.schema()))
                .resolve(key(request) + ".dbn.zst");
    }

    private static Path sidecar(Path body) {
        return body.resolveSibling(body.getFileName() + ".json");
    }

    static String key(HistoricalRequest r) {
        String canonical =
                String.join(
                        "\n",
                        r.dataset(),
                        r.schema(),
                        String.join(",", new TreeSet<>(r.symbols())),
                        r.stypeIn(),
                        r.start(),
                        String.valueOf(r.end()),
                        String.valueOf(r.limit()));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The API's time forms: a date, a datetime (UTC unless it says), or integer ns. */
    static Optional<Instant> parse(String time) {
        String t = time.strip();
        try {
            if (t.matches("\\d{10,19}")) {
                return Optional.of(Instant.ofEpochSecond(0, Long.parseLong(t)));
            }
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
