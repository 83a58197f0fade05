package io.instflow.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) run as a child JVM from
 * the {@code kafka_2.13} jars, with its data, configuration, log and pid file in one directory.
 * {@link #start()} formats the storage on first use and returns once the broker answers; the broker
 * outlives this JVM, so {@link #stop(Path)} works from another process.
 */
public final class LocalKafka {

    /** Files kept in the broker directory. */
    static final String SERVER_PROPERTIES = "server.properties";

    static final String LOG4J = "log4j2.properties";
    static final String PID = "broker.pid";
    static final String PORT = "broker.port";
    static final String LOG = "broker.log";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final String heap;

    private LocalKafka(Path dir, int port, int controllerPort, String classpath, String heap) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.heap = heap;
    }

    /**
     * A broker in {@code dir} listening on {@code port} (0 picks a free port); its controller takes
     * another free port. The broker classpath is this JVM's, or the property {@code
     * instflow.kafka.classpath} when set.
     */
    public static LocalKafka in(Path dir, int port) {
        return new LocalKafka(
                dir, port == 0 ? freePort() : port, freePort(), KafkaClasspath.resolve(), "512m");
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Starts the broker and waits until it answers a metadata request.
     *
     * @throws IllegalStateException when a broker from this directory is already running, or the
     *     broker does not come up (the message quotes the end of its log)
     */
    public LocalKafka start(Duration timeout) {
        Optional<ProcessHandle> running = runningBroker(dir);
        if (running.isPresent()) {
            throw new IllegalStateException(
                    "a broker from "
                            + dir
                            + " is already running (pid "
                            + running.get().pid()
                            + ", port "
                            + readPort(dir)
                            + "); stop it with 'instflow kafka stop --dir "
                            + dir
                            + "'");
        }
        requireFree(port);
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(
                    dir.resolve(SERVER_PROPERTIES), serverProperties(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(LOG4J), log4jProperties(), StandardCharsets.UTF_8);
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format();
            }
            Process process =
                    new ProcessBuilder(
                                    javaCommand(
                                            "kafka.Kafka",
                                            dir.resolve(SERVER_PROPERTIES).toString()))
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
                            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                            .start();
            Files.writeString(dir.resolve(PID), Long.toString(process.pid()));
            Files.writeString(dir.resolve(PORT), Integer.toString(port));
            awaitReady(process, timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start Kafka in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when something already listens on {@code port}: otherwise the new broker would die on
     * the bind while clients happily talk to whatever holds the port. Connections of a broker just
     * stopped (TIME_WAIT) do not count, as they do not for the broker's own bind.
     */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port "
                            + port
                            + " is already in use (another broker or program listens there); choose"
                            + " another with --port, or stop what holds it");
        }
    }

    /** Stops this broker and starts it again with the same ports and data. */
    public LocalKafka restart(Duration timeout) {
        stop();
        return start(timeout);
    }

    /** Stops this broker; see {@link #stop(Path)}. */
    public boolean stop() {
        return stop(dir);
    }

    /**
     * Stops the broker started from {@code dir}: a graceful shutdown, then a forced one after 30
     * seconds. Returns whether a broker was running.
     */
    public static boolean stop(Path dir) {
        Optional<ProcessHandle> broker = runningBroker(dir.toAbsolutePath());
        if (broker.isEmpty()) {
            return false;
        }
        ProcessHandle handle = broker.get();
        handle.destroy();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the broker to stop failed", e);
        }
        return true;
    }

    /** The broker process started from {@code dir}, when it is still running. */
    public static Optional<ProcessHandle> runningBroker(Path dir) {
        Path pidFile = dir.toAbsolutePath().resolve(PID);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The cluster id {@code dir}'s storage was formatted with, or null before the first start. */
    public static String clusterId(Path dir) {
        Path meta = dir.toAbsolutePath().resolve("data").resolve("meta.properties");
        Properties props = new Properties();
        try (var in = Files.newInputStream(meta)) {
            props.load(in);
            return props.getProperty("cluster.id");
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether the broker answering on {@code dir}'s recorded port is {@code dir}'s own: null when
     * it is, else what is wrong (nothing answers, or another cluster does), naming both clusters.
     */
    public static String identityProblem(Path dir, Duration timeout) {
        int port = readPort(dir);
        String own = clusterId(dir);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            String answering =
                    admin.describeCluster(
                                    new DescribeClusterOptions()
                                            .timeoutMs((int) timeout.toMillis()))
                            .clusterId()
                            .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (answering.equals(own)) {
                return null;
            }
            return "port "
                    + port
                    + " is answered by another broker (cluster "
                    + answering
                    + "), not the one in "
                    + dir.toAbsolutePath()
                    + " (cluster "
                    + own
                    + "); stop that one or start this one on another --port";
        } catch (ExecutionException | TimeoutException e) {
            return "no broker answers on localhost:" + port + " (" + rootMessage(e) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking localhost:" + port;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The port recorded for the broker of {@code dir}, or -1. */
    public static int readPort(Path dir) {
        try {
            return Integer.parseInt(Files.readString(dir.toAbsolutePath().resolve(PORT)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void format() throws IOException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        Process process =
                new ProcessBuilder(
                                javaCommand(
                                        "kafka.tools.StorageTool",
                                        "format",
                                        "-t",
                                        clusterId,
                                        "-c",
                                        dir.resolve(SERVER_PROPERTIES).toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
                        .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "formatting Kafka storage in "
                                + dir
                                + " failed; see "
                                + dir.resolve(LOG)
                                + ":\n"
                                + tail(dir.resolve(LOG)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private void awaitReady(Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited with code "
                                    + process.exitValue()
                                    + " while starting; its log "
                                    + dir.resolve(LOG)
                                    + " ends with:\n"
                                    + tail(dir.resolve(LOG)));
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get();
                    return;
                } catch (ExecutionException e) {
                    sleepQuietly(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "the Kafka broker in "
                        + dir
                        + " did not answer on port "
                        + port
                        + " within "
                        + timeout.toSeconds()
                        + " s; its log ends with:\n"
                        + tail(dir.resolve(LOG)));
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        command.add("-Dlog4j2.configurationFile=" + dir.resolve(LOG4J).toUri());
        command.add("-Dkafka.logs.dir=" + dir);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties() {
        return String.join(
                "\n",
                "# written by instflow: a single-node KRaft broker for local use and tests",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:"
                        + port
                        + ",CONTROLLER://localhost:"
                        + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "transaction.max.timeout.ms=3600000",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.segment.bytes=268435456",
                "");
    }

    private String log4jProperties() {
        return String.join(
                "\n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.file.ref = file",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + dir.resolve(LOG),
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "");
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(
                System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
