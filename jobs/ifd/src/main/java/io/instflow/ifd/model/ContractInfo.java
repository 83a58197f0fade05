package io.instflow.ifd.model;

import io.instflow.avro.InstrumentDefinition;

/** What the detector needs to know of an instrument, from its definition (a Flink POJO). */
public class ContractInfo {

    public long instrumentId;
    public String rawSymbol;

    /** F future, C call, P put. */
    public String instrumentClass;

    public String root;
    public String underlying;
    public long expiration;

    /** Strike in 1e-9 units; 0 for futures. */
    public long strike;

    /** Contract multiplier in 1e-9 units (NQ: 20e9). */
    public long multiplier;

    /** Tick in 1e-9 units, 0 when variable. */
    public long tick;

    public ContractInfo() {}

    public static ContractInfo of(InstrumentDefinition d) {
        ContractInfo c = new ContractInfo();
        c.instrumentId = d.getInstrumentId();
        c.rawSymbol = d.getRawSymbol();
        // shared instances: every flow event is filtered on the class, and an identical string
        // compares without reading it from memory
        c.instrumentClass = d.getInstrumentClass() == null ? null : d.getInstrumentClass().intern();
        c.root = d.getAsset();
        c.underlying = d.getUnderlying();
        c.expiration = d.getExpiration() == null ? 0 : d.getExpiration();
        c.strike = d.getStrikePrice() == null ? 0 : d.getStrikePrice();
        c.multiplier = d.getUnitOfMeasureQty() == null ? 1_000_000_000L : d.getUnitOfMeasureQty();
        c.tick = d.getMinPriceIncrement() == null ? 0 : d.getMinPriceIncrement();
        return c;
    }

    /** A copy to keep: with object reuse, an input's contract is overwritten by the next record. */
    public ContractInfo copy() {
        ContractInfo c = new ContractInfo();
        c.instrumentId = instrumentId;
        c.rawSymbol = rawSymbol;
        c.instrumentClass = instrumentClass;
        c.root = root;
        c.underlying = underlying;
        c.expiration = expiration;
        c.strike = strike;
        c.multiplier = multiplier;
        c.tick = tick;
        return c;
    }

    public boolean isOption() {
        return "C".equals(instrumentClass) || "P".equals(instrumentClass);
    }

    public boolean isCall() {
        return "C".equals(instrumentClass);
    }

    public boolean isFuture() {
        return "F".equals(instrumentClass);
    }

    public double strikePoints() {
        return strike / 1e9;
    }
}
