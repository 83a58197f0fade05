package io.instflow.contract;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void shouldNameEveryTopicUnderThePrefix() {
        Topics topics = new Topics("shadow");
        assertThat(topics.signals()).isEqualTo("shadow.ifd.signals");
        assertThat(topics.bars(5)).isEqualTo("shadow.bars.5m");
        assertThat(topics.mbo()).isEqualTo("shadow.md.glbx-mdp3.mbo");
        for (Topic t : Topic.values()) {
            assertThat(topics.name(t)).startsWith("shadow.").endsWith(t.baseName());
        }
    }

    @Test
    void shouldGiveEveryTopicOneName() {
        Set<String> names = new HashSet<>();
        for (Topic t : Topic.values()) {
            assertThat(names.add(t.baseName())).as(t.name()).isTrue();
        }
    }

    @Test
    void shouldListWhatEachProgramWrites() {
        assertThat(Topics.unprefixed().writtenBy(Topic.Set.COMPARISON))
                .containsExactly("ifd.metrics", "ifd.deadletter", "shadow.comparison");
        assertThat(Topic.writtenBy(Topic.Set.IFD))
                .contains(Topic.SIGNALS, Topic.SIGNALS_JSON, Topic.METRICS, Topic.IFD_DEADLETTER)
                .doesNotContain(Topic.MBO);
        assertThat(Topic.DEFINITIONS.compacted()).isTrue();
        assertThat(new Topics("shadow.").writtenBy(Topic.Set.STRATEGIES))
                .contains(
                        "shadow.strategy.orders",
                        "shadow.strategy.orders.json",
                        "shadow.strategy.pnl",
                        "shadow.ifd.metrics")
                .doesNotContain("shadow.ifd.signals");
    }

    @Test
    void shouldNameTheJsonMirrorOfATopicThatHasOne() {
        Topics prod = new Topics("prod.");
        assertThat(prod.jsonMirror(prod.strategyPositions()))
                .isEqualTo("prod.strategy.positions.json");
        assertThat(prod.jsonMirror(prod.signals())).isEqualTo("prod.ifd.signals.json");
        assertThatThrownBy(() -> prod.jsonMirror(prod.bars(1)))
                .hasMessageContaining("prod.bars.1m has no JSON mirror");
    }

    @Test
    void shouldRejectBadPrefixesAndBarIntervals() {
        assertThatThrownBy(() -> new Topics("a b")).hasMessageContaining("a b");
        assertThatThrownBy(() -> Topics.unprefixed().bars(3)).hasMessageContaining("3");
    }
}
