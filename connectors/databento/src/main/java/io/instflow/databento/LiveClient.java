package io.instflow.databento;

import io.instflow.dbn.DbnFormatException;
import io.instflow.dbn.IndexTimestamp;
import io.instflow.dbn.Metadata;
import io.instflow.dbn.RType;
import io.instflow.dbn.io.DbnReader;
import io.instflow.dbn.record.ErrorDecoder;
import io.instflow.dbn.record.SystemDecoder;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A Databento live session that survives disconnects: connects, answers the CRAM challenge,
 * subscribes, starts the session and reads the DBN stream, delivering each data record once to the
 * {@link LiveListener}. On a dropped connection or silence beyond the liveness timeout it
 * reconnects with backoff and resubscribes with {@code start} = the last delivered ts_recv (within
 * the gateway's 24-hour replay window), dropping the replayed overlap; beyond that window it
 * reports the gap. Fatal gateway errors stop it with a {@link GatewayException}. {@link #run()}
 * blocks on the calling thread until {@link #stop()}. Protocol and socket live in {@link
 * GatewayProtocol} and {@link GatewayConnection}; what stays here (about 400 lines) is the session
 * lifecycle, whose reconnect, watchdog and replay-overlap rules share one state.
 */
public final class LiveClient {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClient.class);
    private static final long REPLAY_WINDOW_NS =
            TimeUnit.HOURS.toNanos(24) - TimeUnit.MINUTES.toNanos(5);

    private final LiveClientConfig config;
    private final LiveListener listener;
    private final LongSupplier clockNs;
    private final Sleeper sleeper;
    private final ResumeFilter resume = new ResumeFilter();
    private final SystemDecoder system = new SystemDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final SplittableRandom jitter = new SplittableRandom();
    private volatile boolean running = true;
    private volatile GatewayConnection connection;
    private long delivered;

    /** Waits between reconnect attempts; tests replace it to avoid sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public LiveClient(LiveClientConfig config, LiveListener listener) {
        this(
                config,
                listener,
                () -> System.currentTimeMillis() * 1_000_000L,
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param clockNs wall clock in ns since the epoch, to judge the replay window
     */
    public LiveClient(
            LiveClientConfig config, LiveListener listener, LongSupplier clockNs, Sleeper sleeper) {
        this.config = config;
        this.listener = listener;
        this.clockNs = clockNs;
        this.sleeper = sleeper;
    }

    /** Records delivered so far. */
    public long delivered() {
        return delivered;
    }

    /** Sessions that authenticated, since this client was made. */
    private volatile int sessions;

    /** Replayed records dropped as duplicates after reconnects. */
    public long duplicatesDropped() {
        return resume.dropped();
    }

    /** Ends {@link #run()} from another thread. */
    public void stop() {
        running = false;
        GatewayConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Runs sessions until stopped.
     *
     * @throws GatewayException when the gateway refuses the session for good, or the reconnect
     *     policy gives up
     */
    public void run() {
        int failures = 0;
        String lastFailure = null;
        while (running) {
            long before = delivered;
            try {
                session(failures);
                if (!running) {
                    return;
                }
                failures = delivered > before ? 0 : failures;
                event(LiveEvent.Kind.DISCONNECTED, "the gateway ended the stream", null);
            } catch (GatewayException e) {
                if (e.fatal() || !running) {
                    if (running) {
                        event(LiveEvent.Kind.FATAL, e.getMessage(), null);
                    }
                    throw e;
                }
                failures = delivered > before ? 0 : failures;
                lastFailure = e.getMessage();
                LOG.warn(
                        sessions == 0
                                ? "live session could not start: {}"
                                : "live session lost: {}",
                        e.getMessage());
                event(
                        e.getMessage().startsWith("no data")
                                ? LiveEvent.Kind.HEARTBEAT_TIMEOUT
                                : LiveEvent.Kind.DISCONNECTED,
                        e.getMessage(),
                        null);
            }
            failures++;
            if (!config.reconnect().allows(failures)) {
                throw new GatewayException(
                        "giving up after "
                                + (failures - 1)
                                + " reconnect attempts in a row"
                                + (sessions == 0 ? ", never having started a session" : "")
                                + (lastFailure == null ? "" : "; the last: " + lastFailure),
                        true);
            }
            Duration delay = config.reconnect().delay(failures, jitter);
            LOG.info(
                    "reconnecting to {}:{} in {} ms (attempt {})",
                    config.host(),
                    config.port(),
                    delay.toMillis(),
                    failures);
            listener.onEvent(
                    new LiveEvent(
                            LiveEvent.Kind.RECONNECTING,
                            "reconnecting in " + delay.toMillis() + " ms",
                            null,
                            failures,
                            null,
                            null,
                            resume.hasLast() ? resume.lastTs() : null,
                            null));
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void session(int attempt) {
        try (GatewayConnection c =
                GatewayConnection.open(config.host(), config.port(), config.connectTimeout())) {
            connection = c;
            String sessionId = handshake(c);
            sessions++;
            boolean replay = subscribe(c);
            c.send(GatewayProtocol.startSessionLine());
            c.timeout(config.livenessTimeout());
            try (DbnReader reader =
                    DbnReader.of(
                            c.data(), false, "gateway " + config.host() + ":" + config.port())) {
                Metadata metadata = reader.metadata();
                LOG.info(
                        "live session {} streaming ({} subscriptions)",
                        sessionId,
                        config.subscriptions().size());
                listener.onSession(sessionId, attempt, metadata);
                if (!replay && resume.hasLast()) {
                    listener.onEvent(
                            new LiveEvent(
                                    LiveEvent.Kind.GAP,
                                    "data between the last record and the new"
                                            + " session's start is missing (outside the gateway's replay window)",
                                    sessionId,
                                    attempt,
                                    resume.lastTs(),
                                    metadata.start(),
                                    resume.lastTs(),
                                    null));
                }
                stream(reader, sessionId);
            }
        } catch (IOException | UncheckedIOException | DbnFormatException e) {
            if (!running) {
                return;
            }
            if (GatewayConnection.isTimeout(e)) {
                throw new GatewayException(
                        "no data (not even a heartbeat) for "
                                + config.livenessTimeout().toSeconds()
                                + " s from "
                                + config.host()
                                + ":"
                                + config.port(),
                        false,
                        e);
            }
            throw new GatewayException(
                    (sessions == 0 ? "cannot start a session with " : "connection to ")
                            + config.host()
                            + ":"
                            + config.port()
                            + (sessions == 0
                                    ? ": " + e + "; check --gateway and the network"
                                    : " lost: " + e.getMessage()),
                    false,
                    e);
        } finally {
            connection = null;
        }
    }

    private String handshake(GatewayConnection c) throws IOException {
        c.timeout(config.authTimeout());
        String greeting = c.readLine();
        String challengeLine = c.readLine();
        Map<String, String> challenge = GatewayProtocol.parse(challengeLine);
        if (!challenge.containsKey("cram")) {
            throw new GatewayException(
                    "unexpected gateway greeting: expected a cram challenge after '"
                            + greeting
                            + "'",
                    false);
        }
        c.send(
                GatewayProtocol.authLine(
                        GatewayProtocol.cramResponse(challenge.get("cram"), config.apiKey()),
                        config.dataset(),
                        config.zstd(),
                        config.tsOut(),
                        (int) config.heartbeatInterval().toSeconds(),
                        config.client()));
        Map<String, String> reply = GatewayProtocol.parse(c.readLine());
        if (!"1".equals(reply.get("success"))) {
            throw new GatewayException(
                    "authentication failed: "
                            + reply.getOrDefault("error", "no reason given")
                            + "; check "
                            + ApiKey.VARIABLE
                            + " (a 32-character key from your Databento portal) and that it"
                            + " may access "
                            + config.dataset(),
                    true);
        }
        String sessionId = reply.getOrDefault("session_id", "?");
        listener.onEvent(
                new LiveEvent(
                        LiveEvent.Kind.AUTHENTICATED,
                        "authenticated",
                        sessionId,
                        null,
                        null,
                        null,
                        null,
                        null));
        return sessionId;
    }

    /** Sends every subscription; returns whether they replay from the last delivered record. */
    private boolean subscribe(GatewayConnection c) throws IOException {
        boolean replay =
                resume.hasLast() && clockNs.getAsLong() - resume.lastTs() < REPLAY_WINDOW_NS;
        List<Subscription> subscriptions = config.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            Subscription effective =
                    !resume.hasLast()
                            ? s
                            : replay
                                    ? s.from(resume.lastTs())
                                    : new Subscription(
                                            s.schema(),
                                            s.stypeIn(),
                                            s.symbols(),
                                            s.snapshot(),
                                            null);
            for (String line : GatewayProtocol.subscriptionLines(effective, i + 1)) {
                c.send(line);
            }
        }
        // with or without a replay, nothing at or before the last delivered record passes again
        resume.resume();
        return replay;
    }

    private void stream(DbnReader reader, String sessionId) {
        boolean reportedRecovery = !resume.resuming();
        while (running && reader.nextRecord()) {
            UnsafeBuffer buffer = reader.buffer();
            int offset = reader.recordOffset();
            int rtype = buffer.getByte(offset + 1) & 0xFF;
            if (rtype == RType.SYSTEM) {
                onSystem(system.wrap(buffer, offset), sessionId);
            } else if (rtype == RType.ERROR) {
                onError(error.wrap(buffer, offset), sessionId);
            } else if (resume.accept(IndexTimestamp.of(buffer, offset))) {
                if (!reportedRecovery) {
                    reportedRecovery = true;
                    listener.onEvent(
                            new LiveEvent(
                                    LiveEvent.Kind.RECOVERED,
                                    "resumed after a reconnect; "
                                            + resume.dropped()
                                            + " replayed duplicates dropped so far",
                                    sessionId,
                                    null,
                                    null,
                                    null,
                                    resume.lastTs(),
                                    null));
                }
                listener.onRecord(buffer, offset, reader.recordLength());
                delivered++;
            }
        }
    }

    private void onSystem(SystemDecoder r, String sessionId) {
        switch (r.code()) {
            case SystemDecoder.CODE_HEARTBEAT:
                listener.onHeartbeat();
                return;
            case SystemDecoder.CODE_REPLAY_COMPLETED:
                listener.onEvent(
                        new LiveEvent(
                                LiveEvent.Kind.REPLAY_COMPLETED,
                                r.msg(),
                                sessionId,
                                null,
                                null,
                                null,
                                resume.hasLast() ? resume.lastTs() : null,
                                r.code()));
                return;
            case SystemDecoder.CODE_SLOW_READER_WARNING:
                LOG.warn("gateway: {}", r.msg());
                listener.onEvent(
                        new LiveEvent(
                                LiveEvent.Kind.SLOW_READER,
                                r.msg(),
                                sessionId,
                                null,
                                null,
                                null,
                                null,
                                r.code()));
                return;
            case SystemDecoder.CODE_SUBSCRIPTION_ACK:
                listener.onEvent(
                        new LiveEvent(
                                LiveEvent.Kind.SUBSCRIBED,
                                r.msg(),
                                sessionId,
                                null,
                                null,
                                null,
                                null,
                                r.code()));
                return;
            default:
                if (!r.isHeartbeat()) {
                    LOG.info("gateway: {}", r.msg());
                }
        }
    }

    private void onError(ErrorDecoder r, String sessionId) {
        int code = r.code();
        String message = "gateway error " + code + ": " + r.err();
        LOG.error(message);
        listener.onEvent(
                new LiveEvent(
                        LiveEvent.Kind.ERROR, message, sessionId, null, null, null, null, code));
        boolean fatal =
                code == ErrorDecoder.CODE_AUTH_FAILED
                        || code == ErrorDecoder.CODE_API_KEY_DEACTIVATED
                        || code == ErrorDecoder.CODE_CONNECTION_LIMIT_EXCEEDED
                        || code == ErrorDecoder.CODE_SYMBOL_RESOLUTION_FAILED
                        || code == ErrorDecoder.CODE_INVALID_SUBSCRIPTION;
        if (fatal) {
            throw new GatewayException(message + hint(code), true);
        }
    }

    private static String hint(int code) {
        switch (code) {
            case ErrorDecoder.CODE_API_KEY_DEACTIVATED:
                return "; the key was deactivated: create a new one in the Databento portal";
            case ErrorDecoder.CODE_CONNECTION_LIMIT_EXCEEDED:
                return "; too many live sessions for this dataset: stop another connector (only one should feed Kafka)";
            case ErrorDecoder.CODE_SYMBOL_RESOLUTION_FAILED:
            case ErrorDecoder.CODE_INVALID_SUBSCRIPTION:
                return "; check --schema, --stype-in and --symbols";
            default:
                return "; check " + ApiKey.VARIABLE;
        }
    }

    private void event(LiveEvent.Kind kind, String message, String sessionId) {
        listener.onEvent(
                new LiveEvent(
                        kind,
                        message,
                        sessionId,
                        null,
                        null,
                        null,
                        resume.hasLast() ? resume.lastTs() : null,
                        null));
    }
}
