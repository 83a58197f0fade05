package io.instflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * How fast the broker delivers a topic to a plain consumer: Kafka's own {@code
 * ConsumerPerformance}, in a JVM of its own (so the caller's JIT and heap stay as they were), each
 * measure with a fresh consumer group reading from the start.
 */
final class BrokerReadRate {

    private final String bootstrap;
    private final String topic;
    private final long messages;
    private final String groupPrefix;
    private int measures;

    BrokerReadRate(String bootstrap, String topic, long messages, String groupPrefix) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.messages = messages;
        this.groupPrefix = groupPrefix;
    }

    /** Records per second of one ConsumerPerformance run over {@code messages} records. */
    double measure() throws IOException, InterruptedException {
        Process perf =
                new ProcessBuilder(
                                List.of(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        "org.apache.kafka.tools.ConsumerPerformance",
                                        "--bootstrap-server",
                                        bootstrap,
                                        "--topic",
                                        topic,
                                        "--messages",
                                        Long.toString(messages),
                                        "--group",
                                        groupPrefix + "-perf-" + measures++))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String last = null;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(perf.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        int exit = perf.waitFor();
        // start, end, MB, MB/s, records, records/s, rebalance ms, fetch ms, fetch MB/s, fetch rec/s
        String[] columns = last == null ? new String[0] : last.split(",\\s*");
        if (exit != 0 || columns.length < 6) {
            throw new IOException(
                    "ConsumerPerformance on " + topic + " exited " + exit + ", last line: " + last);
        }
        return Double.parseDouble(columns[5]);
    }
}
