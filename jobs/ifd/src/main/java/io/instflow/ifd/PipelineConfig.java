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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pipeline configuration (spec section 8): windows, watermarks, checkpointing and profiles,
 * validated on load. Unknown keys and bad values are errors that name the key and its path.
 */
public record PipelineConfig(
        int windowMinutes,
        long outOfOrdernessMs,
        long idleMs,
        long checkpointIntervalMs,
        JsonNode profiles,
        EventTimeGuard guard,
        long definitionWaitMs) {

    private static final Set<String> TOP =
            Set.of(
                    "window_minutes",
                    "watermark",
                    "event_time_guard",
                    "checkpoint_interval_ms",
                    "profiles");
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
                    "diagnostics");

    /** The bundled configuration with the production, testing and conservative profiles. */
    public static PipelineConfig defaults() {
        try (InputStream in = PipelineConfig.class.getResourceAsStream("/pipeline_config.json")) {
            return parse(new ObjectMapper().readTree(in), "bundled pipeline_config.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PipelineConfig load(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readString(file)), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static PipelineConfig parse(JsonNode root, String source) {
        checkKeys(root, TOP, source, "");
        JsonNode watermark = root.path("watermark");
        checkKeys(watermark, WATERMARK, source, "watermark.");
        JsonNode profiles = root.path("profiles");
        if (!profiles.isObject() || profiles.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": 'profiles' must name at least one profile");
        }
        for (Iterator<String> it = profiles.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            checkKeys(profiles.get(name), new TreeSet<>(PROFILE), source, "profiles." + name + ".");
            for (String key : PROFILE) {
                if (!profiles.get(name).has(key)) {
                    throw new IllegalArgumentException(
                            source + ": profiles." + name + "." + key + " is missing");
                }
            }
            String algorithm = profiles.get(name).get("algorithm").asText();
            if (!algorithm.equals("v3") && !algorithm.equals("compat")) {
                throw new IllegalArgumentException(
                        source
                                + ": profiles."
                                + name
                                + ".algorithm must be v3 or compat, got "
                                + algorithm);
            }
        }
        JsonNode guard = root.path("event_time_guard");
        checkKeys(guard, GUARD, source, "event_time_guard.");
        EventTimeGuard defaults = EventTimeGuard.defaults();
        return new PipelineConfig(
                positive(root, "window_minutes", 5, source),
                positive(watermark, "out_of_orderness_ms", 2000, source),
                positive(watermark, "idle_ms", 5000, source),
                positive(root, "checkpoint_interval_ms", 10000, source),
                profiles,
                new EventTimeGuard(
                        positive(
                                guard, "max_ahead_of_recv_ms", defaults.maxAheadOfRecvMs(), source),
                        positive(
                                guard,
                                "max_ahead_of_partition_ms",
                                defaults.maxAheadOfPartitionMs(),
                                source),
                        positive(
                                guard,
                                "max_ahead_of_wall_clock_ms",
                                defaults.maxAheadOfWallClockMs(),
                                source)),
                positive(root, "definition_wait_ms", IfdConfig.DEFINITION_WAIT_MS, source));
    }

    /** The detector parameters of a profile; the error lists the profiles there are. */
    public DetectorParams profile(String name) {
        JsonNode p = profiles.get(name);
        if (p == null) {
            Set<String> names = new TreeSet<>();
            profiles.fieldNames().forEachRemaining(names::add);
            throw new IllegalArgumentException(
                    "unknown profile '" + name + "'; this configuration has " + names);
        }
        return DetectorParams.builder()
                .algorithm(p.get("algorithm").asText())
                .profile(name)
                .minPressureRatio(p.get("min_pressure_ratio").asDouble())
                .minVolumeConcentration(p.get("min_volume_concentration").asDouble())
                .minTimePersistence(p.get("min_time_persistence").asDouble())
                .minTrendStrength(p.get("min_trend_strength").asDouble())
                .minBaselineAnomaly(p.get("min_baseline_anomaly").asDouble())
                .minOverallConfidence(p.get("min_overall_confidence").asDouble())
                .marketMakingPenalty(p.get("market_making_penalty").asDouble())
                .lookbackDays(p.get("lookback_days").asInt())
                .minDataQuality(p.get("min_data_quality").asDouble())
                .minTotalVolume(p.get("min_total_volume").asLong())
                .diagnostics(p.get("diagnostics").asBoolean())
                .build();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String source, String path) {
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

    private static int positive(JsonNode node, String key, int fallback, String source) {
        return (int) positive(node, key, (long) fallback, source);
    }

    private static long positive(JsonNode node, String key, long fallback, String source) {
        JsonNode v = node.path(key);
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw new IllegalArgumentException(
                    source + ": " + key + " must be a positive integer, got " + v);
        }
        return v.asLong();
    }
}
