package io.instflow.cli;

import io.instflow.contract.Topic;
import io.instflow.contract.Topics;
import io.instflow.contract.kafka.TopicAdmin;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The broker and partition count of the commands that create a deployment's topics ({@code kafka
 * create-topics}, {@code prepare-deployment}), and the creation itself: missing topics only, one
 * "created TOPIC" line for each.
 */
final class TopicCreation {

    @Option(
            names = "--bootstrap",
            defaultValue = "localhost:9092",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description = "Partitions of new topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    /** Creates the missing topics of {@code set} under {@code topics}' prefix, naming each. */
    void create(Topics topics, Topic.Set set, PrintWriter out) {
        TopicAdmin.ensure(bootstrap, topics, set, partitions)
                .forEach(t -> out.println("created " + t));
    }
}
