package io.instflow.ifd.io;

import io.instflow.ifd.logic.BaselineSeed;
import io.instflow.ifd.model.BaselineDays;
import io.instflow.ifd.model.DailyStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baselines file {@code instflow backfill} writes and a job starts from: JSON with the window
 * length, the lookback, and the days of every contract (by raw symbol) and pool (by key). Each day
 * holds its date (days since the epoch), window count, sums and the |log_pressure| histogram.
 */
public final class BaselineSeedFile {

    /** The format this code reads and writes. */
    public static final String FORMAT = "instflow-baselines/1";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BaselineSeedFile() {}

    public static void write(Path file, BaselineSeed seed) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("window_minutes", seed.windowMinutes());
        root.put("lookback_days", seed.lookbackDays());
        root.set("contracts", section(seed.contracts()));
        root.set("pools", section(seed.pools()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        MAPPER.writeValue(partial.toFile(), root);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads a baselines file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static BaselineSeed read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IllegalArgumentException(
                    "baselines file " + file + " does not exist; make it with 'instflow backfill'");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "baselines file " + file + " is not JSON: " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(
                    "baselines file "
                            + file
                            + " is not an instflow baselines file (format "
                            + FORMAT
                            + "); make it with 'instflow backfill'");
        }
        try {
            return new BaselineSeed(
                    required(root, "window_minutes").asInt(),
                    required(root, "lookback_days").asInt(),
                    days(required(root, "contracts")),
                    days(required(root, "pools")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baselines file " + file + ": " + e.getMessage());
        }
    }

    private static ObjectNode section(Map<String, BaselineDays> entries) {
        ObjectNode out = MAPPER.createObjectNode();
        entries.forEach((key, days) -> out.set(key, days(days)));
        return out;
    }

    private static ArrayNode days(BaselineDays days) {
        ArrayNode out = MAPPER.createArrayNode();
        for (int i = 0; i < days.dates.length; i++) {
            DailyStats d = days.days[i];
            ObjectNode day = out.addObject();
            day.put("date", days.dates[i]);
            day.put("windows", d.windows);
            day.put("sum_pressure", d.sumPressure);
            day.put("sum_pressure_squared", d.sumPressureSquared);
            day.put("sum_log_volume", d.sumLogVolume);
            day.put("sum_log_volume_squared", d.sumLogVolumeSquared);
            ArrayNode histogram = day.putArray("histogram");
            for (long count : d.histogram) {
                histogram.add(count);
            }
        }
        return out;
    }

    private static Map<String, BaselineDays> days(JsonNode section) {
        Map<String, BaselineDays> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), daysOf(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static BaselineDays daysOf(String key, JsonNode array) {
        BaselineDays out = new BaselineDays();
        int n = array.size();
        out.dates = new long[n];
        out.days = new DailyStats[n];
        for (int i = 0; i < n; i++) {
            JsonNode day = array.get(i);
            DailyStats d = new DailyStats();
            out.dates[i] = required(day, "date").asLong();
            if (i > 0 && out.dates[i] <= out.dates[i - 1]) {
                throw new IllegalArgumentException(key + ": dates are not ascending");
            }
            d.windows = required(day, "windows").asLong();
            if (d.windows < 0) {
                throw new IllegalArgumentException(key + ": a day has " + d.windows + " windows");
            }
            d.sumPressure = required(day, "sum_pressure").asDouble();
            d.sumPressureSquared = required(day, "sum_pressure_squared").asDouble();
            d.sumLogVolume = required(day, "sum_log_volume").asDouble();
            d.sumLogVolumeSquared = required(day, "sum_log_volume_squared").asDouble();
            JsonNode histogram = required(day, "histogram");
            if (histogram.size() != DailyStats.BINS) {
                throw new IllegalArgumentException(
                        key
                                + ": a histogram has "
                                + histogram.size()
                                + " bins, not "
                                + DailyStats.BINS);
            }
            for (int b = 0; b < DailyStats.BINS; b++) {
                d.histogram[b] = histogram.get(b).asLong();
                if (d.histogram[b] < 0) {
                    throw new IllegalArgumentException(key + ": a histogram bin is negative");
                }
            }
            out.days[i] = d;
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value;
    }
}
