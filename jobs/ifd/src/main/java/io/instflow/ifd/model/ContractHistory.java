package io.instflow.ifd.model;

/**
 * What the detector remembers of one contract between windows (a Flink POJO): log_pressure of its
 * last windows, its volume in the market-making history, and its baseline days.
 */
public class ContractHistory {

    public long instrumentId;
    public boolean call;
    public long strike;

    /** Expiration of the contract, ns since the epoch: its history goes a day after. */
    public long expiration;

    /** Start (ns) of the last window seen. */
    public long lastWindowStart = Long.MIN_VALUE;

    /** log_pressure of the last windows, oldest first. */
    public double[] recent = new double[0];

    /** Windows with trades among them. */
    public int seen;

    /** Window ends (ns) and buy + sell volume of the last market-making history windows. */
    public long[] volumeEnds = new long[0];

    public long[] volumes = new long[0];

    /** The daily aggregates of the contract's own baseline. */
    public BaselineDays baseline = new BaselineDays();

    public ContractHistory() {}
}
