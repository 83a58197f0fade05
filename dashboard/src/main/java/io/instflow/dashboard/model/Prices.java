package io.instflow.dashboard.model;

/** Converts the topics' fixed-point prices (1e-9 units) for display. */
final class Prices {

    private Prices() {}

    static double points(long fixed) {
        return fixed / 1e9;
    }
}
