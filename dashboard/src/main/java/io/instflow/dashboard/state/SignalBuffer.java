package io.instflow.dashboard.state;

import io.instflow.dashboard.model.SignalView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The latest {@code capacity} signals, unique by signal id (ids are deterministic, so a replay or
 * an at-least-once duplicate carries the same id) and ordered by window end.
 */
public final class SignalBuffer {

    private static final Comparator<SignalView> BY_TIME =
            Comparator.comparingLong(SignalView::windowEnd).thenComparing(SignalView::id);

    private final int capacity;
    private final Map<String, SignalView> byId = new HashMap<>();
    private final TreeSet<SignalView> ordered = new TreeSet<>(BY_TIME);

    public SignalBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "signal buffer capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** True when the signal is new; a known id or one older than a full buffer is ignored. */
    public boolean add(SignalView signal) {
        if (byId.containsKey(signal.id())) {
            return false;
        }
        if (ordered.size() >= capacity && BY_TIME.compare(signal, ordered.first()) < 0) {
            return false;
        }
        byId.put(signal.id(), signal);
        ordered.add(signal);
        if (ordered.size() > capacity) {
            byId.remove(ordered.pollFirst().id());
        }
        return true;
    }

    /** Buffered signals, oldest first. */
    public List<SignalView> all() {
        return new ArrayList<>(ordered);
    }

    public int size() {
        return ordered.size();
    }
}
