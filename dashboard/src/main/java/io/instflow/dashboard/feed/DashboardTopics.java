package io.instflow.dashboard.feed;

import java.util.List;

/**
 * The topics the dashboard reads: the job's outputs under {@code topicPrefix} and the feed status
 * under {@code inputPrefix}.
 */
public record DashboardTopics(String topicPrefix, String inputPrefix) {

    public String metrics() {
        return topicPrefix + "ifd.metrics";
    }

    public List<String> all() {
        return List.of(
                topicPrefix + "bars.1m",
                topicPrefix + "bars.5m",
                topicPrefix + "ifd.signals",
                topicPrefix + "ifd.pressure",
                metrics(),
                inputPrefix + "md.glbx-mdp3.status");
    }
}
