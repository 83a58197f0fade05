package io.instflow.barchart.chain;

import java.util.List;

/** A chain response's rows with the envelope's counts. */
public record ParsedChain(int total, List<ChainRow> rows) {

    public List<ChainRow> calls() {
        return rows.stream().filter(r -> "Call".equals(r.optionType())).toList();
    }

    public List<ChainRow> puts() {
        return rows.stream().filter(r -> "Put".equals(r.optionType())).toList();
    }
}
