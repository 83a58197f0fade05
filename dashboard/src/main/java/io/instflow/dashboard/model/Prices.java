package io.instflow.dashboard.model;

/** Converts the topics' fixed-point prices (1e-9 units) for display. */
public final class Prices {

    private Prices() {}

    public static double points(long fixed) {
        return fixed / 1e9;
    }
}
