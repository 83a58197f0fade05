package io.instflow.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaTest {

    @Test
    void shouldRefuseAPortSomethingElseListensOn(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            LocalKafka kafka = LocalKafka.in(dir, taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> kafka.start(java.time.Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            org.assertj.core.api.Assertions.assertThat(LocalKafka.runningBroker(dir)).isEmpty();
        }
    }

    @Test
    @Timeout(300)
    void shouldStartKeepDataAcrossRestartsAndStopWithoutLeavingAProcess(
            @TempDir Path dir, @TempDir Path impostor) throws Exception {
        LocalKafka kafka = LocalKafka.in(dir, 0).start(Duration.ofSeconds(120));
        long pid = LocalKafka.runningBroker(dir).orElseThrow().pid();
        assertThatThrownBy(() -> LocalKafka.in(dir, 0).start(Duration.ofSeconds(5)))
                .hasMessageContaining("already running")
                .hasMessageContaining("pid " + pid);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("greetings", 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>("greetings", "k", "hello")).get();
        }
        kafka.restart(Duration.ofSeconds(120));
        assertThat(LocalKafka.runningBroker(dir).orElseThrow().pid()).isNotEqualTo(pid);
        assertThat(readAll(kafka.bootstrapServers(), "greetings")).containsExactly("hello");

        assertThat(LocalKafka.identityProblem(dir, Duration.ofSeconds(5)))
                .as("its own broker answers")
                .isNull();
        java.nio.file.Files.createDirectories(impostor.resolve("data"));
        java.nio.file.Files.writeString(
                impostor.resolve("broker.port"), Integer.toString(kafka.port()));
        java.nio.file.Files.writeString(
                impostor.resolve("data").resolve("meta.properties"),
                "cluster.id=someone-elses\nnode.id=1\nversion=1\n");
        assertThat(LocalKafka.identityProblem(impostor, Duration.ofSeconds(5)))
                .as("a directory whose port another broker answers")
                .contains("port " + kafka.port() + " is answered by another broker")
                .contains(LocalKafka.clusterId(dir))
                .contains("someone-elses");

        assertThat(LocalKafka.stop(dir)).isTrue();
        assertThat(LocalKafka.runningBroker(dir)).isEmpty();
        assertThat(LocalKafka.identityProblem(dir, Duration.ofSeconds(2)))
                .startsWith("no broker answers on localhost:" + kafka.port());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(LocalKafka.stop(dir)).as("nothing left to stop").isFalse();
    }

    private static List<String> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "test");
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return java.util.stream.StreamSupport.stream(records.spliterator(), false)
                            .map(r -> r.value())
                            .toList();
                }
            }
            return List.of();
        }
    }
}
