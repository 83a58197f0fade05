package io.instflow.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connector service's settings: a properties file, each key overridable from the environment as
 * {@code INSTFLOW_} plus the key in upper case with dots as underscores (e.g. {@code
 * INSTFLOW_KAFKA_BOOTSTRAP}). Unknown keys and bad values are errors naming the file and key. The
 * Databento key is not a setting: it comes from {@code DATABENTO_API_KEY} or a {@code .env} file.
 *
 * @param gateway {@code host:port} of the live gateway, or null for the dataset's own
 * @param start intraday replay from this time (ns since the epoch, within the last 24 hours), or
 *     null
 * @param backupSeries Barchart series to fail over to while Databento is down; empty for no backup
 */
public record ConnectorConfig(
        String bootstrap,
        String topicPrefix,
        int partitions,
        String dataset,
        List<String> schemas,
        List<String> symbols,
        String stypeIn,
        String gateway,
        Long start,
        boolean snapshot,
        boolean zstd,
        int heartbeatSeconds,
        List<String> backupSeries,
        List<String> backupFutures,
        String backupAccess,
        long graceSeconds,
        long holdSeconds,
        int windowMinutes) {

    /** Every key with its default; {@code symbols} has none and must be set. */
    static final Map<String, String> DEFAULTS =
            Map.ofEntries(
                    Map.entry("kafka.bootstrap", "localhost:9092"),
                    Map.entry("kafka.topic.prefix", ""),
                    Map.entry("kafka.partitions", "4"),
                    Map.entry("databento.dataset", "GLBX.MDP3"),
                    Map.entry("databento.schemas", "mbo,definition"),
                    Map.entry("databento.symbols", ""),
                    Map.entry("databento.stype.in", "parent"),
                    Map.entry("databento.gateway", ""),
                    Map.entry("databento.start", ""),
                    Map.entry("databento.snapshot", "false"),
                    Map.entry("databento.zstd", "false"),
                    Map.entry("databento.heartbeat.seconds", "30"),
                    Map.entry("backup.barchart.series", ""),
                    Map.entry("backup.barchart.futures", ""),
                    Map.entry("backup.barchart.access", "website"),
                    Map.entry("failover.grace.seconds", "45"),
                    Map.entry("failover.hold.seconds", "120"),
                    Map.entry("window.minutes", "5"));

    public ConnectorConfig {
        schemas = List.copyOf(schemas);
        symbols = List.copyOf(symbols);
        backupSeries = List.copyOf(backupSeries);
        backupFutures = List.copyOf(backupFutures);
    }

    /** Whether Barchart takes over while Databento is down. */
    public boolean hasBackup() {
        return !backupSeries.isEmpty();
    }

    /** Reads {@code file}, then the environment's overrides. */
    public static ConnectorConfig load(Path file, Map<String, String> environment) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the connector configuration " + file + ": " + e.getMessage(), e);
        }
        return of(props, environment, file.toString());
    }

    /** From properties already read; {@code source} names them in errors. */
    static ConnectorConfig of(Properties props, Map<String, String> environment, String source) {
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    source
                            + ": unknown keys "
                            + unknown
                            + "; the keys are "
                            + new TreeSet<>(DEFAULTS.keySet()));
        }
        Values v = new Values(props, environment, source);
        List<String> symbols = v.list("databento.symbols");
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": databento.symbols is required, e.g. NQ.OPT,NQ.FUT");
        }
        String gateway = v.text("databento.gateway");
        if (!gateway.isEmpty() && !gateway.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException(
                    source + ": databento.gateway must be HOST:PORT, got '" + gateway + "'");
        }
        String start = v.text("databento.start");
        if (!start.isEmpty() && !start.matches("\\d{1,19}")) {
            throw new IllegalArgumentException(
                    source + ": databento.start must be ns since the epoch, got '" + start + "'");
        }
        if (!start.isEmpty() && v.bool("databento.snapshot")) {
            throw new IllegalArgumentException(
                    source + ": databento.snapshot cannot be combined with databento.start");
        }
        String access = v.text("backup.barchart.access");
        if (!access.equals("website") && !access.equals("ondemand")) {
            throw new IllegalArgumentException(
                    source
                            + ": backup.barchart.access must be website or ondemand, got '"
                            + access
                            + "'");
        }
        return new ConnectorConfig(
                v.text("kafka.bootstrap"),
                v.text("kafka.topic.prefix"),
                (int) v.integer("kafka.partitions", 1, 10_000),
                v.text("databento.dataset"),
                v.list("databento.schemas"),
                symbols,
                v.text("databento.stype.in"),
                gateway.isEmpty() ? null : gateway,
                start.isEmpty() ? null : Long.valueOf(start),
                v.bool("databento.snapshot"),
                v.bool("databento.zstd"),
                (int) v.integer("databento.heartbeat.seconds", 5, 3600),
                v.list("backup.barchart.series"),
                v.list("backup.barchart.futures"),
                access,
                v.integer("failover.grace.seconds", 1, 3600),
                v.integer("failover.hold.seconds", 1, 86_400),
                (int) v.integer("window.minutes", 1, 5));
    }

    /** Values by key: the environment's override, else the file's, else the default. */
    private record Values(Properties props, Map<String, String> environment, String source) {

        String text(String key) {
            String override =
                    environment.get("INSTFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
            return (override != null ? override : props.getProperty(key, DEFAULTS.get(key))).trim();
        }

        List<String> list(String key) {
            return Arrays.stream(text(key).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        boolean bool(String key) {
            String value = text(key);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(
                        source + ": " + key + " must be true or false, got '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        long integer(String key, long min, long max) {
            String value = text(key);
            try {
                long n = Long.parseLong(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(
                            source + ": " + key + " must be " + min + " to " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        source + ": " + key + " must be an integer, got '" + value + "'", e);
            }
        }
    }
}
