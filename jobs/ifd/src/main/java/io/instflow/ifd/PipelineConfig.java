package io.instflow.ifd;

import io.instflow.ifd.logic.DetectorParams;
import io.instflow.ifd.logic.EventTimeGuard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pipeline configuration (spec section 8): windows, watermarks, checkpointing and profiles,
 * validated on load. Unknown keys and bad values are errors that name the key and its path.
 *
 * @param strategies the paper strategies' section as written (an empty object when absent); the
 *     strategies job reads and validates it ({@code io.instflow.strategies.StrategiesSection}),
 *     since their parameters belong to that module
 */
public record PipelineConfig(
        int windowMinutes,
        long outOfOrdernessMs,
        long idleMs,
        long checkpointIntervalMs,
        Map<String, DetectorParams> profiles,
        EventTimeGuard guard,
        long definitionWaitMs,
        JsonNode strategies,
        String source) {

    private static final Set<String> TOP =
            Set.of(
                    "window_minutes",
                    "watermark",
                    "event_time_guard",
                    "checkpoint_interval_ms",
                    "definition_wait_ms",
                    "profiles",
                    "strategies");
    private static final Set<String> GUARD =
            Set.of(
                    "max_ahead_of_recv_ms",
                    "max_ahead_of_partition_ms",
                    "max_ahead_of_wall_clock_ms");
    private static final Set<String> WATERMARK = Set.of("out_of_orderness_ms", "idle_ms");
    private static final List<String> PROFILE =
            List.of(
                    "algorithm",
                    "min_pressure_ratio",
                    "min_volume_concentration",
                    "min_time_persistence",
                    "min_trend_strength",
                    "min_baseline_anomaly",
                    "min_overall_confidence",
                    "market_making_penalty",
                    "lookback_days",
                    "min_data_quality",
                    "min_total_volume",
                    "diagnostics",
                    "structure",
                    "events");

    /** v3.1's structure detection, optional in a profile (docs/ifd-v3.1.md section 2). */
    private static final Set<String> STRUCTURE =
            Set.of("min_leg_size", "match_ms", "size_tolerance", "min_share");

    /** v3.1's event evidence, optional in a profile (docs/ifd-v3.1.md section 4). */
    private static final Set<String> EVENTS =
            Set.of(
                    "sweep_min_levels",
                    "sweep_min_size",
                    "sweep_baseline_multiple",
                    "min_mean_order_size");

    /** Every key a file may hold, as dotted paths ({@code profiles.NAME.} left out), sorted. */
    static java.util.SortedSet<String> keys() {
        java.util.SortedSet<String> keys = new TreeSet<>();
        TOP.stream()
                .filter(k -> !k.equals("watermark") && !k.equals("event_time_guard"))
                .filter(k -> !k.equals("profiles") && !k.equals("strategies"))
                .forEach(keys::add);
        WATERMARK.forEach(k -> keys.add("watermark." + k));
        GUARD.forEach(k -> keys.add("event_time_guard." + k));
        PROFILE.stream()
                .filter(k -> !k.equals("structure") && !k.equals("events"))
                .forEach(keys::add);
        STRUCTURE.forEach(k -> keys.add("structure." + k));
        EVENTS.forEach(k -> keys.add("events." + k));
        return keys;
    }

    /** Duplicate keys are errors: with them, which value counts would depend on the parser. */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(
                            com.fasterxml.jackson.core.JsonParser.Feature
                                    .STRICT_DUPLICATE_DETECTION);

    /**
     * The bundled configuration: production (the spec's production gates with IFD v3.1), the spec's
     * testing (conservative gates, diagnostics), conservative and exploratory profiles,
     * production-v3 (the spec's production profile as it was) and exploratory-v31 (exploratory's
     * gates with IFD v3.1).
     */
    public static PipelineConfig defaults() {
        try (InputStream in = PipelineConfig.class.getResourceAsStream("/pipeline_config.json")) {
            return parse(MAPPER.readTree(in), "bundled pipeline_config.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PipelineConfig load(Path file) {
        try {
            return parse(MAPPER.readTree(Files.readString(file)), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static PipelineConfig parse(JsonNode root, String source) {
        ConfigValues values = new ConfigValues(source);
        checkKeys(root, TOP, source, "");
        JsonNode watermark = root.path("watermark");
        checkKeys(watermark, WATERMARK, source, "watermark.");
        JsonNode guard = root.path("event_time_guard");
        checkKeys(guard, GUARD, source, "event_time_guard.");
        JsonNode profiles = root.path("profiles");
        if (!profiles.isObject() || profiles.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": 'profiles' must name at least one profile");
        }
        Map<String, DetectorParams> byName = new LinkedHashMap<>();
        for (Iterator<String> it = profiles.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            checkKeys(profiles.get(name), new TreeSet<>(PROFILE), source, "profiles." + name + ".");
            checkKeys(
                    profiles.get(name).path("structure"),
                    STRUCTURE,
                    source,
                    "profiles." + name + ".structure.");
            checkKeys(
                    profiles.get(name).path("events"),
                    EVENTS,
                    source,
                    "profiles." + name + ".events.");
            byName.put(name, profile(name, profiles.get(name), values));
        }
        JsonNode strategies = root.path("strategies");
        if (!strategies.isMissingNode() && !strategies.isObject()) {
            throw new IllegalArgumentException(
                    source + ": 'strategies' must be an object of named strategies");
        }
        EventTimeGuard defaults = EventTimeGuard.defaults();
        long day = 86_400_000L;
        return new PipelineConfig(
                (int) values.integer(root, "window_minutes", 1, 5, 5),
                values.integer(watermark, "watermark.out_of_orderness_ms", 0, 3_600_000, 2000),
                values.integer(watermark, "watermark.idle_ms", 1, 3_600_000, 5000),
                values.integer(root, "checkpoint_interval_ms", 100, 3_600_000, 10000),
                byName,
                new EventTimeGuard(
                        values.integer(
                                guard,
                                "event_time_guard.max_ahead_of_recv_ms",
                                0,
                                day,
                                defaults.maxAheadOfRecvMs()),
                        values.integer(
                                guard,
                                "event_time_guard.max_ahead_of_partition_ms",
                                0,
                                366 * day,
                                defaults.maxAheadOfPartitionMs()),
                        values.integer(
                                guard,
                                "event_time_guard.max_ahead_of_wall_clock_ms",
                                0,
                                3660 * day,
                                defaults.maxAheadOfWallClockMs())),
                values.integer(root, "definition_wait_ms", 1, day, IfdConfig.DEFINITION_WAIT_MS),
                strategies.isMissingNode() ? MAPPER.createObjectNode() : strategies,
                source);
    }

    /** A profile's parameters, every value checked for type and range. */
    private static DetectorParams profile(String name, JsonNode p, ConfigValues v) {
        String at = "profiles." + name + ".";
        DetectorParams.Builder builder = DetectorParams.builder();
        JsonNode structure = p.path("structure");
        if (!structure.isMissingNode()) {
            String st = at + "structure.";
            builder.structureMinLegSize(v.integer(structure, st + "min_leg_size", 1, 1_000_000))
                    .structureMatchMs(v.integer(structure, st + "match_ms", 0, 60_000))
                    .structureSizeTolerance(v.number(structure, st + "size_tolerance", 0, 1))
                    .structureMinShare(v.number(structure, st + "min_share", 0, 1));
        }
        JsonNode events = p.path("events");
        if (!events.isMissingNode()) {
            String ev = at + "events.";
            builder.sweepMinLevels((int) v.integer(events, ev + "sweep_min_levels", 2, 100))
                    .sweepMinSize(v.integer(events, ev + "sweep_min_size", 1, 1_000_000))
                    .sweepBaselineMultiple(
                            v.number(events, ev + "sweep_baseline_multiple", 0, 1000))
                    .minMeanOrderSize(v.number(events, ev + "min_mean_order_size", 0, 1_000_000));
        }
        return builder.algorithm(v.oneOf(p, at + "algorithm", DetectorParams.ALGORITHMS))
                .profile(name)
                .minPressureRatio(v.number(p, at + "min_pressure_ratio", 1, 1000))
                .minVolumeConcentration(v.number(p, at + "min_volume_concentration", 0, 1))
                .minTimePersistence(v.number(p, at + "min_time_persistence", 0, 1))
                .minTrendStrength(v.number(p, at + "min_trend_strength", 0, 1))
                .minBaselineAnomaly(v.number(p, at + "min_baseline_anomaly", 0, 100))
                .minOverallConfidence(v.number(p, at + "min_overall_confidence", 0, 1))
                .marketMakingPenalty(v.number(p, at + "market_making_penalty", 0, 1))
                .lookbackDays((int) v.integer(p, at + "lookback_days", 1, 250))
                .minDataQuality(v.number(p, at + "min_data_quality", 0, 1))
                .minTotalVolume(v.integer(p, at + "min_total_volume", 0, 1_000_000_000))
                .diagnostics(v.bool(p, at + "diagnostics"))
                .build();
    }

    /** The detector parameters of a profile; the error lists the profiles there are. */
    public DetectorParams profile(String name) {
        DetectorParams p = profiles.get(name);
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown profile '"
                            + name
                            + "'; this configuration has "
                            + new TreeSet<>(profiles.keySet()));
        }
        return p;
    }

    /**
     * Refuses a key of {@code node} not in {@code allowed}, naming its path and the keys allowed.
     */
    public static void checkKeys(JsonNode node, Set<String> allowed, String source, String path) {
        if (node.isMissingNode()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(
                        source
                                + ": unknown key '"
                                + path
                                + key
                                + "'; allowed here: "
                                + new TreeSet<>(allowed));
            }
        }
    }
}
