package io.instflow.contract;

import java.util.List;

/**
 * The topic names of one deployment: every {@link Topic} under a prefix (e.g. {@code prod.} or
 * {@code shadow.}). The prefix is empty or ends in a dot.
 */
public record Topics(String prefix) implements java.io.Serializable {

    public Topics {
        if (prefix == null) {
            prefix = "";
        }
        if (!prefix.isEmpty() && !prefix.endsWith(".")) {
            prefix = prefix + ".";
        }
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "topic prefix '"
                            + prefix
                            + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }

    /** The topics without a prefix. */
    public static Topics unprefixed() {
        return new Topics("");
    }

    /** The full name of {@code topic} in this deployment. */
    public String name(Topic topic) {
        return prefix + topic.baseName();
    }

    /** The full names of the topics a program writes (see {@link Topic#writtenBy}). */
    public List<String> writtenBy(Topic.Set set) {
        return Topic.writtenBy(set).stream().map(this::name).toList();
    }

    public String mbo() {
        return name(Topic.MBO);
    }

    public String definitions() {
        return name(Topic.DEFINITIONS);
    }

    public String status() {
        return name(Topic.STATUS);
    }

    /** Barchart option snapshots (the degraded backup source), keyed by contract. */
    public String barchartOptions() {
        return name(Topic.BARCHART_OPTIONS);
    }

    /** Barchart futures quotes (the degraded backup source), keyed by symbol. */
    public String barchartFutures() {
        return name(Topic.BARCHART_FUTURES);
    }

    /** What the connector could not publish. */
    public String deadLetter() {
        return name(Topic.MD_DEADLETTER);
    }

    public String signals() {
        return name(Topic.SIGNALS);
    }

    /** The flat-JSON mirror of {@link #signals()}. */
    public String signalsJson() {
        return name(Topic.SIGNALS_JSON);
    }

    public String rejections() {
        return name(Topic.REJECTIONS);
    }

    public String pressure() {
        return name(Topic.PRESSURE);
    }

    /** Futures bars of {@code minutes} (1 or 5). */
    public String bars(int minutes) {
        return switch (minutes) {
            case 1 -> name(Topic.BARS_1M);
            case 5 -> name(Topic.BARS_5M);
            default ->
                    throw new IllegalArgumentException(
                            "bars are published for 1 and 5 minutes, not " + minutes);
        };
    }

    /**
     * The 1- and 5-minute bars in progress, written after every trade without waiting for a
     * checkpoint (at-least-once): a preview for live charts, replaced by the bar on {@link #bars}.
     */
    public String formingBars() {
        return name(Topic.BARS_FORMING);
    }

    public String metrics() {
        return name(Topic.METRICS);
    }

    public String comparison() {
        return name(Topic.COMPARISON);
    }

    /** A strategy's paper orders, filled or skipped. */
    public String strategyOrders() {
        return name(Topic.STRATEGY_ORDERS);
    }

    /** A strategy's position per future after each fill (compacted: the latest per key). */
    public String strategyPositions() {
        return name(Topic.STRATEGY_POSITIONS);
    }

    /** A strategy's closed round trips with their P&L. */
    public String strategyPnl() {
        return name(Topic.STRATEGY_PNL);
    }

    /** The flat-JSON mirror of one of the Avro topics above: the same name ending in ".json". */
    public String jsonMirror(String avroTopic) {
        String mirror = avroTopic + ".json";
        for (Topic t : Topic.values()) {
            if (name(t).equals(mirror)) {
                return mirror;
            }
        }
        throw new IllegalArgumentException(avroTopic + " has no JSON mirror in the topic registry");
    }

    /** What a job (IFD, comparison or strategies) could not use. */
    public String jobDeadLetter() {
        return name(Topic.IFD_DEADLETTER);
    }
}
