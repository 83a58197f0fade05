package io.instflow.book;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One side's price levels against a sorted map of the same changes: random adds and removes, most
 * near the best price and some deep in the book, so both ways of finding a level are used.
 */
class PriceLevelsTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldHoldTheLevelsOfASortedMapOfTheSameChanges(boolean bids) {
        Random random = new Random(bids ? 5 : 6);
        PriceLevels levels = new PriceLevels(bids);
        TreeMap<Long, long[]> model =
                new TreeMap<>(
                        bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        int deepest = 0;
        for (int step = 0; step < 5_000; step++) {
            long price = price(random, model);
            long size = 1 + random.nextInt(20);
            long[] level = model.get(price);
            if (level == null || random.nextInt(3) > 0) {
                levels.add(price, size, 1);
                model.merge(
                        price, new long[] {size, 1}, (a, b) -> new long[] {a[0] + b[0], a[1] + 1});
            } else {
                long removed = random.nextInt(4) == 0 ? level[0] : Math.min(size, level[0]);
                levels.remove(price, removed, 1);
                long[] left = {level[0] - removed, level[1] - 1};
                if (left[0] <= 0 || left[1] <= 0) {
                    model.remove(price);
                } else {
                    model.put(price, left);
                }
            }
            deepest = Math.max(deepest, model.size());
            assertThat(depthFirst(levels)).as("levels after step %d", step).isEqualTo(list(model));
        }
        assertThat(deepest).as("books deep enough to search below the top").isGreaterThan(30);
    }

    /** A price near the best one mostly, sometimes anywhere in a range of 200 ticks. */
    private static long price(Random random, TreeMap<Long, long[]> model) {
        if (model.isEmpty() || random.nextInt(4) == 0) {
            return 20_000L + random.nextInt(200);
        }
        long best = model.firstKey();
        return best + random.nextInt(7) - 3;
    }

    /** Price, size and count of each level, best first. */
    private static List<List<Long>> depthFirst(PriceLevels levels) {
        List<List<Long>> out = new ArrayList<>();
        for (int depth = 0; depth < levels.levels(); depth++) {
            out.add(List.of(levels.price(depth), levels.size(depth), (long) levels.count(depth)));
        }
        return out;
    }

    private static List<List<Long>> list(TreeMap<Long, long[]> model) {
        List<List<Long>> out = new ArrayList<>();
        for (Map.Entry<Long, long[]> level : model.entrySet()) {
            out.add(List.of(level.getKey(), level.getValue()[0], level.getValue()[1]));
        }
        return out;
    }
}
