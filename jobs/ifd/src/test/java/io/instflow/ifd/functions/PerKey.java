package io.instflow.ifd.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Emitted records grouped by key, each group in the order emitted: the order a keyed operator keeps
 * across a restore. Records of different keys due at the same time may come in another order after
 * a restore, as Flink's heap timers fire them, and in any order from parallel subtasks.
 */
final class PerKey {

    private PerKey() {}

    static <T> Map<String, List<T>> group(List<T> emitted, Function<? super T, ?> key) {
        Map<String, List<T>> groups = new TreeMap<>();
        for (T record : emitted) {
            groups.computeIfAbsent(String.valueOf(key.apply(record)), k -> new ArrayList<>())
                    .add(record);
        }
        return groups;
    }
}
