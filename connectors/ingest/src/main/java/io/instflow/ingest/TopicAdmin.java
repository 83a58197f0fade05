package io.instflow.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the market-data topics when missing: definitions compacted, the others by partition count. */
public final class TopicAdmin {

    private TopicAdmin() {}

    /**
     * Creates every missing topic of {@code topics}; existing topics are left as they are.
     *
     * @param partitions partitions of the MBO topic (records are keyed by instrument)
     */
    public static List<String> ensure(String bootstrap, Topics topics, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            add(wanted, existing, new NewTopic(topics.mbo(), partitions, (short) 1));
            add(wanted, existing, new NewTopic(topics.definitions(), partitions, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            add(wanted, existing, new NewTopic(topics.status(), 1, (short) 1));
            add(wanted, existing, new NewTopic(topics.deadLetter(), 1, (short) 1));
            add(wanted, existing, new NewTopic(topics.barchartOptions(), partitions, (short) 1));
            add(wanted, existing, new NewTopic(topics.barchartFutures(), 1, (short) 1));
            List<String> created = new ArrayList<>();
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("cannot create topics on " + bootstrap + ": " + e.getMessage()
                    + "; is a broker running there? ('instflow kafka start' starts one)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while creating topics", e);
        }
    }

    private static void add(List<NewTopic> wanted, Set<String> existing, NewTopic topic) {
        if (!existing.contains(topic.name())) {
            wanted.add(topic);
        }
    }
}
