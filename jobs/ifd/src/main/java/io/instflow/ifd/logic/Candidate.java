package io.instflow.ifd.logic;

import io.instflow.ifd.model.ContractWindow;

/**
 * A contract window whose dominant side makes it a candidate (spec section 5), with its component
 * scores and its baseline as of the window.
 */
public record Candidate(ContractWindow window, ComponentScores components, Baseline baseline) {

    /** +1 when the flow implies the underlying up, -1 down. */
    public int underlyingDirection() {
        boolean call = window.contract.isCall();
        return (call == (components.direction() > 0)) ? 1 : -1;
    }

    /** This candidate as a peer of the coordination score. */
    Coordination.Peer peer() {
        return new Coordination.Peer(
                window.contract.instrumentId,
                window.contract.strikePoints(),
                underlyingDirection(),
                components.raw());
    }
}
