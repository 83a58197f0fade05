package io.instflow.testing;

import io.instflow.localkafka.LocalKafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker for a test class, in a child JVM on free ports, deleted
 * afterwards. Register it as {@code @RegisterExtension static final KafkaBroker KAFKA = new
 * KafkaBroker();} and give each test its own topics with {@link #uniqueTopicPrefix()}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private final AtomicInteger topics = new AtomicInteger();
    private Path dir;
    private LocalKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("instflow-kafka-");
        kafka = LocalKafka.in(dir, 0).start(START_TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.stop();
        }
        deleteQuietly(dir);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A topic prefix no other test of this broker uses, e.g. {@code t3.}. */
    public String uniqueTopicPrefix() {
        return "t" + topics.incrementAndGet() + ".";
    }

    /** Stops the broker and starts it again on the same port with the same data. */
    public void restart() {
        kafka.restart(START_TIMEOUT);
    }

    /** Stops the broker (until {@link #start()}). */
    public void stop() {
        kafka.stop();
    }

    public void start() {
        kafka.start(START_TIMEOUT);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
