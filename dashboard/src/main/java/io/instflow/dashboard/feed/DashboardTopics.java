package io.instflow.dashboard.feed;

import io.instflow.contract.Topics;

import java.util.List;

/**
 * The topics the dashboard reads: the IFD job's outputs under {@code topicPrefix} (with the forming
 * bars' preview), the round trips of the strategies job writing under the same prefix, and the feed
 * status under {@code inputPrefix}.
 */
public record DashboardTopics(String topicPrefix, String inputPrefix) {

    public String metrics() {
        return new Topics(topicPrefix).metrics();
    }

    /** The bars in progress, a preview written without transactions. */
    public String formingBars() {
        return new Topics(topicPrefix).formingBars();
    }

    public List<String> all() {
        Topics outputs = new Topics(topicPrefix);
        return List.of(
                outputs.bars(1),
                outputs.bars(5),
                outputs.formingBars(),
                outputs.signals(),
                outputs.pressure(),
                outputs.metrics(),
                outputs.strategyPnl(),
                new Topics(inputPrefix).status());
    }
}
