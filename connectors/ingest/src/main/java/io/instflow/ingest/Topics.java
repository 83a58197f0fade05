package io.instflow.ingest;

/**
 * Names of the market-data topics under a prefix (e.g. {@code prod.}): see the topic table in
 * the design. The prefix is empty or ends in a dot.
 */
public record Topics(String prefix) {

    public Topics {
        if (prefix == null) {
            prefix = "";
        }
        if (!prefix.isEmpty() && !prefix.endsWith(".")) {
            prefix = prefix + ".";
        }
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }

    public String mbo() {
        return prefix + "md.glbx-mdp3.mbo";
    }

    public String definitions() {
        return prefix + "md.glbx-mdp3.definitions";
    }

    public String status() {
        return prefix + "md.glbx-mdp3.status";
    }

    /** Barchart option snapshots (the degraded backup source), keyed by contract. */
    public String barchartOptions() {
        return prefix + "md.barchart.options";
    }

    /** Barchart futures quotes (the degraded backup source), keyed by symbol. */
    public String barchartFutures() {
        return prefix + "md.barchart.futures";
    }

    public String deadLetter() {
        return prefix + "md.deadletter";
    }
}
