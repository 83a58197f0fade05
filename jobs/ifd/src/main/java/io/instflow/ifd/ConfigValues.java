package io.instflow.ifd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed, ranged reads of {@code pipeline_config.json} values. A wrong type, a fraction where an
 * integer belongs, a number out of range or a missing key is an error naming the file, the JSON
 * path and what is allowed; nothing is coerced ("high" is not 0.0, 2.7 is not 2).
 */
public final class ConfigValues {

    private final String source;

    public ConfigValues(String source) {
        this.source = source;
    }

    /** A number in [min, max]. */
    public double number(JsonNode node, String path, double min, double max) {
        JsonNode v = require(node, path);
        if (!v.isNumber()) {
            throw error(path, "must be a number from " + min + " to " + max, v);
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw error(path, "must be from " + min + " to " + max, v);
        }
        return d;
    }

    /** An integer in [min, max]; a fraction or an integer beyond the range is refused. */
    public long integer(JsonNode node, String path, long min, long max) {
        JsonNode v = require(node, path);
        if (!v.isIntegralNumber()
                || !v.canConvertToLong()
                || v.asLong() < min
                || v.asLong() > max) {
            throw error(path, "must be an integer from " + min + " to " + max, v);
        }
        return v.asLong();
    }

    /** An integer in [min, max], or {@code fallback} when the key is absent. */
    public long integer(JsonNode node, String path, long min, long max, long fallback) {
        return node.path(leaf(path)).isMissingNode() ? fallback : integer(node, path, min, max);
    }

    public boolean bool(JsonNode node, String path) {
        JsonNode v = require(node, path);
        if (!v.isBoolean()) {
            throw error(path, "must be true or false", v);
        }
        return v.asBoolean();
    }

    /** One of the {@code allowed} strings. */
    public String oneOf(JsonNode node, String path, java.util.Set<String> allowed) {
        JsonNode v = require(node, path);
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            throw error(path, "must be one of " + new java.util.TreeSet<>(allowed), v);
        }
        return v.asText();
    }

    /** A number in [min, max], or {@code fallback} when the key is absent. */
    public double number(JsonNode node, String path, double min, double max, double fallback) {
        return node.path(leaf(path)).isMissingNode() ? fallback : number(node, path, min, max);
    }

    /** True or false, or {@code fallback} when the key is absent. */
    public boolean bool(JsonNode node, String path, boolean fallback) {
        return node.path(leaf(path)).isMissingNode() ? fallback : bool(node, path);
    }

    /** One of the {@code allowed} strings, or {@code fallback} when the key is absent. */
    public String oneOf(
            JsonNode node, String path, java.util.Collection<String> allowed, String fallback) {
        return node.path(leaf(path)).isMissingNode()
                ? fallback
                : oneOf(node, path, new java.util.HashSet<>(allowed));
    }

    /** An error naming the file and {@code path}. */
    public IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException(source + ": " + path + " " + problem);
    }

    private JsonNode require(JsonNode node, String path) {
        JsonNode v = node.path(leaf(path));
        if (v.isMissingNode()) {
            throw new IllegalArgumentException(source + ": " + path + " is missing");
        }
        return v;
    }

    private IllegalArgumentException error(String path, String rule, JsonNode got) {
        return new IllegalArgumentException(source + ": " + path + " " + rule + ", got " + got);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
