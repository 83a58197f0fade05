package io.instflow.contract.kafka;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a program writes when they are missing, as the registry ({@link Topic})
 * describes them: compacted where it says so, partitioned topics with the deployment's partition
 * count, the others with one partition. Existing topics are left as they are.
 */
public final class TopicAdmin {

    /** How long a call waits for the broker's answer. */
    private static final long TIMEOUT_SECONDS = 30;

    private TopicAdmin() {}

    /** The market-data topics, as the connector writes them. */
    public static List<String> ensure(String bootstrap, Topics topics, int partitions) {
        return ensure(bootstrap, topics, Topic.Set.INPUT, partitions);
    }

    /**
     * Creates every missing topic that {@code set}'s program writes, under {@code topics}' prefix.
     *
     * @return the names of the topics created
     * @throws KafkaUnavailableException when the broker cannot be reached or refuses
     */
    public static List<String> ensure(
            String bootstrap, Topics topics, Topic.Set set, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing =
                    admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            for (Topic topic : Topic.writtenBy(set)) {
                String name = topics.name(topic);
                if (!existing.contains(name) && create(admin, newTopic(name, topic, partitions))) {
                    created.add(name);
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("create topics on", bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while creating topics", e);
        }
    }

    /**
     * Fails naming the topics of {@code required} that do not exist, so that a job never waits
     * silently for a topic nobody creates.
     *
     * @throws IllegalStateException naming the missing topics and what creates them
     * @throws KafkaUnavailableException when the broker cannot be reached
     */
    public static void requireExisting(String bootstrap, List<String> required, String createdBy) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing =
                    admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = required.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "topics "
                                + missing
                                + " do not exist on "
                                + bootstrap
                                + "; "
                                + createdBy
                                + " creates them");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("list the topics on", bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while listing topics", e);
        }
    }

    /**
     * Whether {@code topic} exists.
     *
     * @throws KafkaUnavailableException when the broker cannot be reached
     */
    public static boolean exists(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            return admin.listTopics()
                    .names()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("list the topics on", bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while listing topics", e);
        }
    }

    /**
     * The partition count of {@code topic}, or 1 when it does not exist yet.
     *
     * @throws KafkaUnavailableException when the broker cannot be reached
     */
    public static int partitions(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            if (!admin.listTopics()
                    .names()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .contains(topic)) {
                return 1;
            }
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("describe " + topic + " on", bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while describing " + topic, e);
        }
    }

    private static NewTopic newTopic(String name, Topic topic, int partitions) {
        NewTopic t = new NewTopic(name, topic.partitioned() ? partitions : 1, (short) 1);
        return topic.compacted()
                ? t.configs(
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT))
                : t;
    }

    /** False when another client created it meanwhile. */
    private static boolean create(Admin admin, NewTopic topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private static KafkaUnavailableException unavailable(
            String action, String bootstrap, Exception e) {
        return KafkaUnavailableException.at(bootstrap, action, e, TIMEOUT_SECONDS);
    }

    /**
     * An admin client; a bootstrap where every address refuses a connection, or no address
     * resolves, fails here, before any call waits for an answer.
     */
    private static Admin admin(String bootstrap) {
        BrokerProbe.requireListening(bootstrap);
        try {
            return Admin.create(KafkaSettings.admin(bootstrap));
        } catch (KafkaException e) {
            throw unavailable("connect to", bootstrap, e);
        }
    }
}
