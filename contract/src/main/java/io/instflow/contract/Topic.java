package io.instflow.contract;

/**
 * Every topic of the system, as the design's topic table lists it: its name under a deployment's
 * prefix, what its key is, whether it is compacted, whether it is partitioned like the market data
 * or a single partition, and which program writes it.
 */
public enum Topic {
    MBO("md.glbx-mdp3.mbo", "instrument_id", Set.INPUT, true, false),
    DEFINITIONS("md.glbx-mdp3.definitions", "instrument_id", Set.INPUT, true, true),
    STATUS("md.glbx-mdp3.status", "none", Set.INPUT, false, false),
    MD_DEADLETTER("md.deadletter", "none; raw bytes with reason headers", Set.INPUT, false, false),
    BARCHART_OPTIONS("md.barchart.options", "contract", Set.INPUT, true, false),
    BARCHART_FUTURES("md.barchart.futures", "symbol", Set.INPUT, false, false),
    PRESSURE("ifd.pressure", "instrument_id", Set.IFD, true, false),
    SIGNALS("ifd.signals", "instrument_id", Set.IFD, true, false),
    SIGNALS_JSON("ifd.signals.json", "instrument_id", Set.IFD, true, false),
    REJECTIONS("ifd.rejections", "instrument_id", Set.IFD, true, false),
    BARS_1M("bars.1m", "symbol", Set.IFD, true, false),
    BARS_5M("bars.5m", "symbol", Set.IFD, true, false),
    BARS_FORMING("bars.forming", "symbol", Set.IFD, true, false),
    METRICS("ifd.metrics", "job", Set.IFD, true, false),
    IFD_DEADLETTER(
            "ifd.deadletter",
            "none; raw bytes with source topic, partition, offset and reason headers",
            Set.IFD,
            false,
            false),
    COMPARISON("shadow.comparison", "window_start", Set.COMPARISON, true, false),
    STRATEGY_ORDERS("strategy.orders", "strategy", Set.STRATEGIES, true, false),
    STRATEGY_ORDERS_JSON("strategy.orders.json", "strategy", Set.STRATEGIES, true, false),
    STRATEGY_POSITIONS("strategy.positions", "strategy|underlying", Set.STRATEGIES, true, true),
    STRATEGY_POSITIONS_JSON(
            "strategy.positions.json", "strategy|underlying", Set.STRATEGIES, true, true),
    STRATEGY_PNL("strategy.pnl", "strategy", Set.STRATEGIES, true, false),
    STRATEGY_PNL_JSON("strategy.pnl.json", "strategy", Set.STRATEGIES, true, false);

    /**
     * Which program writes a topic: the connector, an IFD job, the shadow comparison job or the
     * strategies job.
     */
    public enum Set {
        INPUT,
        IFD,
        COMPARISON,
        STRATEGIES
    }

    private final String baseName;
    private final String key;
    private final Set set;
    private final boolean partitioned;
    private final boolean compacted;

    Topic(String baseName, String key, Set set, boolean partitioned, boolean compacted) {
        this.baseName = baseName;
        this.key = key;
        this.set = set;
        this.partitioned = partitioned;
        this.compacted = compacted;
    }

    /** The name without a deployment prefix, e.g. {@code ifd.signals}. */
    public String baseName() {
        return baseName;
    }

    /** What the record key holds, as the topic table says. */
    public String key() {
        return key;
    }

    public Set set() {
        return set;
    }

    /** True when the topic takes the deployment's partition count; false for a single partition. */
    public boolean partitioned() {
        return partitioned;
    }

    /** True for a log-compacted topic (latest value per key). */
    public boolean compacted() {
        return compacted;
    }

    /**
     * The topics a program writes: the connector its market-data topics, an IFD job its outputs,
     * the comparison and strategies jobs their outputs, their metrics and their dead letters (on
     * {@link #METRICS} and {@link #IFD_DEADLETTER}, like every job).
     */
    public static java.util.List<Topic> writtenBy(Set set) {
        java.util.List<Topic> topics = new java.util.ArrayList<>();
        boolean job = set == Set.COMPARISON || set == Set.STRATEGIES;
        for (Topic t : values()) {
            if (t.set == set || (job && (t == METRICS || t == IFD_DEADLETTER))) {
                topics.add(t);
            }
        }
        return topics;
    }
}
