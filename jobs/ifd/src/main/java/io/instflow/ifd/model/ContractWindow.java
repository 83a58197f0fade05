package io.instflow.ifd.model;

/** One contract's statistics over one event-time window (a Flink POJO). */
public class ContractWindow {

    public ContractInfo contract;

    /** Window start and end, ns since the epoch. */
    public long windowStart;

    public long windowEnd;
    public WindowStats stats;

    public ContractWindow() {}

    public ContractWindow(
            ContractInfo contract, long windowStart, long windowEnd, WindowStats stats) {
        this.contract = contract;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.stats = stats;
    }
}
