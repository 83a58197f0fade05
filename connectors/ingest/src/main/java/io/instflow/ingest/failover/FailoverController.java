package io.instflow.ingest.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which source feeds the detector (spec/barchart.md §9): fails over to Barchart after the
 * primary has been unhealthy for the grace period and the backup can serve; fails back after the
 * primary has been healthy, its replay complete, for the hold period; holds off a second failover
 * for the hysteresis period unless the primary is disconnected outright. Every switch takes effect
 * at the next window boundary. Plain state with an injected notion of time: the caller reports what
 * it sees and calls {@link #evaluate}.
 */
public final class FailoverController {

    private final FailoverPolicy policy;
    private final List<Transition> transitions = new ArrayList<>();
    private Transition.Source source = Transition.Source.DATABENTO;
    private boolean connected = true;
    private boolean heardFromPrimary;
    private boolean replayComplete = true;
    private boolean backupAvailable;
    private Instant lastActivity;
    private Instant unhealthySince;
    private Instant healthySince;
    private Instant lastFailback;

    public FailoverController(FailoverPolicy policy, Instant start) {
        this.policy = policy;
        this.lastActivity = start;
    }

    /** A record or heartbeat from the primary arrived. */
    public void primaryActivity(Instant at) {
        heardFromPrimary = true;
        if (lastActivity == null || at.isAfter(lastActivity)) {
            lastActivity = at;
        }
    }

    /** The primary's session connected (true) or dropped (false). */
    public void primaryConnected(boolean isConnected) {
        connected = isConnected;
        heardFromPrimary |= isConnected;
    }

    /** Whether the primary's replay of the outage is complete (or declared impossible). */
    public void primaryReplayComplete(boolean complete) {
        replayComplete = complete;
    }

    /** Whether the backup is configured and not backing off. */
    public void backupAvailable(boolean available) {
        backupAvailable = available;
    }

    public Transition.Source source() {
        return source;
    }

    public List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** The source governing the window starting at {@code windowStart}. */
    public Transition.Source sourceFor(Instant windowStart) {
        Transition.Source s = Transition.Source.DATABENTO;
        for (Transition t : transitions) {
            if (!windowStart.isBefore(t.effectiveFrom())) {
                s = t.to();
            }
        }
        return s;
    }

    /** Checks the rules at {@code now}; returns the switch made, if any. */
    public Optional<Transition> evaluate(Instant now) {
        boolean healthy = healthy(now);
        if (healthy) {
            unhealthySince = null;
            if (healthySince == null) {
                healthySince = now;
            }
        } else {
            healthySince = null;
            if (unhealthySince == null) {
                unhealthySince = now;
            }
        }
        if (source == Transition.Source.DATABENTO && !healthy) {
            return failoverIfDue(now);
        }
        if (source == Transition.Source.BARCHART
                && healthy
                && replayComplete
                && !now.isBefore(healthySince.plus(policy.hold()))) {
            lastFailback = now;
            return Optional.of(
                    switchTo(
                            Transition.Kind.FAILBACK,
                            Transition.Source.DATABENTO,
                            now,
                            "primary healthy for "
                                    + seconds(Duration.between(healthySince, now))
                                    + " with its replay complete"));
        }
        return Optional.empty();
    }

    private Optional<Transition> failoverIfDue(Instant now) {
        Duration down = Duration.between(unhealthySince, now);
        if (down.compareTo(policy.grace()) < 0 || !backupAvailable) {
            return Optional.empty();
        }
        boolean settling =
                lastFailback != null && now.isBefore(lastFailback.plus(policy.hysteresis()));
        if (settling && connected) {
            return Optional.empty();
        }
        String why =
                !connected
                        ? heardFromPrimary
                                ? "primary disconnected"
                                : "primary not connected since the start"
                        : "no record or heartbeat from the primary for "
                                + seconds(Duration.between(lastActivity, now));
        return Optional.of(
                switchTo(
                        Transition.Kind.FAILOVER,
                        Transition.Source.BARCHART,
                        now,
                        why
                                + " (unhealthy for "
                                + seconds(down)
                                + ", grace "
                                + seconds(policy.grace())
                                + ")"));
    }

    private Transition switchTo(
            Transition.Kind kind, Transition.Source to, Instant now, String reason) {
        Transition t = new Transition(kind, to, now, nextBoundary(now), reason);
        transitions.add(t);
        source = to;
        return t;
    }

    private boolean healthy(Instant now) {
        return connected
                && lastActivity != null
                && now.isBefore(lastActivity.plus(policy.silenceLimit()));
    }

    /** The first window boundary at or after {@code now}. */
    Instant nextBoundary(Instant now) {
        long window = policy.window().toMillis();
        long ms = now.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms + window - 1, window) * window);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
