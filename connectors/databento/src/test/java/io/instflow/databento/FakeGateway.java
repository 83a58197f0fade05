package io.instflow.databento;

import io.instflow.dbn.IndexTimestamp;
import io.instflow.dbn.MetadataCodec;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A loopback stand-in for Databento's live subscription gateway that speaks the real protocol:
 * greeting, CRAM challenge (checked against the key), session reply, subscription lines up to
 * {@code start_session}, then a DBN stream (plain or zstd, as the client asked) of scripted
 * records, replayed from the subscription's {@code start} when given. A {@link Plan} per session
 * can drop the connection mid-record, fall silent, or send an error record. Every request line is
 * kept for assertions.
 */
public final class FakeGateway implements AutoCloseable {

    /**
     * What one session does after streaming starts.
     *
     * @param speed 0 streams as fast as the client reads; otherwise each record goes out when its
     *     index timestamp falls due at this multiple of real time (1 = as the market happened)
     */
    public record Plan(
            long dropAfterRecords,
            long silentAfterRecords,
            Integer errorCode,
            boolean heartbeatFirst,
            double speed) {
        /** Streams everything and stays open. */
        public static Plan full() {
            return new Plan(-1, -1, null, true, 0);
        }

        /** Streams everything at {@code speed} times real time and stays open. */
        public static Plan paced(double speed) {
            return new Plan(-1, -1, null, true, speed);
        }

        public static Plan dropAfter(long records) {
            return new Plan(records, -1, null, true, 0);
        }

        public static Plan silentAfter(long records) {
            return new Plan(-1, records, null, true, 0);
        }

        public static Plan error(int code) {
            return new Plan(-1, -1, code, false, 0);
        }
    }

    /**
     * Where a paced session's clock stands: index time {@code firstTs} went out at {@code epochMs}.
     */
    private record PaceOrigin(long firstTs, long epochMs, double speed) {}

    private final String apiKey;
    private final byte[] metadata;
    private final byte[] records;
    private final int[] offsets;
    private final long[] indexTs;
    private final IntFunction<Plan> plans;
    private final ServerSocket server;
    private final Thread thread;
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<Integer, Long> streamedPerSession = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean down;
    private volatile java.time.Duration idleHeartbeat;
    private volatile PaceOrigin paceOrigin;
    private final AtomicLong paceLagNs = new AtomicLong();

    /**
     * @param stream a DBN stream (metadata then records) whose records are served
     * @param plans the plan of each session, by session number from 1
     */
    public FakeGateway(String apiKey, byte[] stream, IntFunction<Plan> plans) throws IOException {
        this.apiKey = apiKey;
        UnsafeBuffer buffer = new UnsafeBuffer(stream);
        int recordsStart = MetadataCodec.PRELUDE_LENGTH + buffer.getInt(4, ByteOrder.LITTLE_ENDIAN);
        this.metadata = java.util.Arrays.copyOf(stream, recordsStart);
        this.records = java.util.Arrays.copyOfRange(stream, recordsStart, stream.length);
        UnsafeBuffer body = new UnsafeBuffer(records);
        List<Integer> starts = new ArrayList<>();
        for (int at = 0; at < records.length; at += (body.getByte(at) & 0xFF) * 4) {
            starts.add(at);
        }
        this.offsets = starts.stream().mapToInt(Integer::intValue).toArray();
        this.indexTs = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            indexTs[i] = IndexTimestamp.of(body, offsets[i]);
        }
        this.plans = plans;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "fake-gateway");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * While down, the gateway drops every open session and refuses new ones (closes them at once),
     * as an outage looks from the client; back up, sessions follow their plans again.
     */
    public void down(boolean isDown) {
        down = isDown;
        if (isDown) {
            synchronized (open) {
                for (Socket s : open) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }
        }
    }

    /**
     * After the stream, send a heartbeat this often (as Databento does when no data flows); null
     * for none.
     */
    public void heartbeatWhenIdle(java.time.Duration every) {
        idleHeartbeat = every;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Number of records the served stream holds. */
    public int recordCount() {
        return offsets.length;
    }

    /** Sessions accepted so far (authenticated or not). */
    public int sessions() {
        return sessions.get();
    }

    /** The request lines of each session, in order. */
    public List<List<String>> requests() {
        return requests;
    }

    /** Records written (whole or in part) in the given session. */
    public long streamed(int session) {
        return streamedPerSession.getOrDefault(session, 0L);
    }

    private void serve() {
        while (running) {
            try {
                Socket socket = server.accept();
                if (down) {
                    socket.close();
                    continue;
                }
                open.add(socket);
                int session = sessions.incrementAndGet();
                Thread handler =
                        new Thread(
                                () -> handle(socket, session), "fake-gateway-session-" + session);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void handle(Socket socket, int session) {
        List<String> lines = new CopyOnWriteArrayList<>();
        requests.add(lines);
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String challenge = "abcdefghijklmnopqrstuvwxyz" + String.format("%06d", session);
            write(out, "lsg_version=0.7.2\n");
            write(out, "cram=" + challenge + "\n");
            String auth = readLine(in);
            lines.add(auth);
            Map<String, String> fields = parse(auth);
            if (!expectedAuth(challenge).equals(fields.get("auth"))) {
                write(out, "success=0|error=Authentication failed.\n");
                return;
            }
            write(out, "success=1|session_id=" + (1000 + session) + "\n");
            Long start = null;
            while (true) {
                String line = readLine(in);
                lines.add(line);
                if (line.startsWith("start_session")) {
                    break;
                }
                String s = parse(line).get("start");
                if (s != null) {
                    start = Long.parseUnsignedLong(s);
                }
            }
            boolean zstd = "zstd".equals(fields.get("compression"));
            OutputStream data =
                    zstd
                            ? new ZstdOutputStreamNoFinalizer(out)
                            : new BufferedOutputStream(out, 64 * 1024);
            if (stream(data, session, start)) {
                java.time.Duration every = idleHeartbeat;
                if (every == null) {
                    awaitClientClose(in);
                } else {
                    heartbeatUntilClosed(data, every);
                }
            }
        } catch (IOException e) {
            // the client went away or the plan dropped the connection
        } finally {
            open.remove(socket);
        }
    }

    /** Streams the plan; returns whether the connection should stay open afterwards. */
    private boolean stream(OutputStream out, int session, Long start) throws IOException {
        Plan plan = plans.apply(session);
        out.write(metadata);
        if (plan.heartbeatFirst()) {
            out.write(systemRecord("Heartbeat", 0));
        }
        if (plan.errorCode() != null) {
            out.write(
                    errorRecord("User has reached their open connection limit", plan.errorCode()));
            out.flush();
            return false;
        }
        int first = 0;
        if (start != null) {
            while (first < offsets.length && Long.compareUnsigned(indexTs[first], start) < 0) {
                first++;
            }
        }
        long sent = 0;
        long paceStart = System.nanoTime();
        if (plan.speed() > 0 && first < offsets.length) {
            paceOrigin = new PaceOrigin(indexTs[first], System.currentTimeMillis(), plan.speed());
        }
        for (int i = first; i < offsets.length && running; i++) {
            int length = (records[offsets[i]] & 0xFF) * 4;
            if (plan.speed() > 0) {
                pace(out, paceStart, (indexTs[i] - indexTs[first]) / plan.speed());
            }
            if (plan.dropAfterRecords() >= 0 && sent == plan.dropAfterRecords()) {
                out.write(records, offsets[i], length / 2);
                out.flush();
                streamedPerSession.put(session, sent + 1);
                return false;
            }
            if (plan.silentAfterRecords() >= 0 && sent == plan.silentAfterRecords()) {
                out.flush();
                streamedPerSession.put(session, sent);
                return true;
            }
            out.write(records, offsets[i], length);
            sent++;
            if ((sent & 0x3FF) == 0) {
                out.flush();
            }
        }
        if (start != null) {
            out.write(systemRecord("Finished replay", 3));
        }
        out.flush();
        streamedPerSession.put(session, sent);
        return true;
    }

    /** Waits until a record {@code sinceFirstNs} after the first falls due, flushing first. */
    private void pace(OutputStream out, long paceStart, double sinceFirstNs) throws IOException {
        long wait = paceStart + (long) sinceFirstNs - System.nanoTime();
        if (wait > 1_000_000L) {
            out.flush();
            LockSupport.parkNanos(wait);
        }
        long late = System.nanoTime() - paceStart - (long) sinceFirstNs;
        paceLagNs.accumulateAndGet(late, Math::max);
    }

    /**
     * When a paced session sent, or will send, the record stamped {@code indexTs}, in epoch ms;
     * empty before a paced session started.
     */
    public OptionalLong pacedEpochMs(long indexTs) {
        PaceOrigin origin = paceOrigin;
        if (origin == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                origin.epochMs() + (long) ((indexTs - origin.firstTs()) / origin.speed() / 1e6));
    }

    /** The most a paced session's record went out after it fell due, in ms. */
    public long paceLagMs() {
        return paceLagNs.get() / 1_000_000L;
    }

    private void heartbeatUntilClosed(OutputStream out, java.time.Duration every)
            throws IOException {
        while (running && !down) {
            try {
                // the gateway's idle heartbeat is periodic by definition
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(systemRecord("Heartbeat", 0));
            out.flush();
        }
    }

    /** Keeps the connection open, sending nothing, until the client closes it. */
    private static void awaitClientClose(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the client sends nothing after start_session
            }
        } catch (IOException e) {
            // closed
        }
    }

    private String expectedAuth(String challenge) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest((challenge + "|" + apiKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + "-" + apiKey.substring(apiKey.length() - 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] systemRecord(String msg, int code) {
        byte[] record = new byte[320];
        UnsafeBuffer b = new UnsafeBuffer(record);
        b.putByte(0, (byte) 80);
        b.putByte(1, (byte) 0x17);
        b.putLong(8, System.currentTimeMillis() * 1_000_000L, ByteOrder.LITTLE_ENDIAN);
        b.putBytes(16, msg.getBytes(StandardCharsets.US_ASCII));
        b.putByte(319, (byte) code);
        return record;
    }

    static byte[] errorRecord(String err, int code) {
        byte[] record = new byte[320];
        UnsafeBuffer b = new UnsafeBuffer(record);
        b.putByte(0, (byte) 80);
        b.putByte(1, (byte) 0x15);
        b.putBytes(16, err.getBytes(StandardCharsets.US_ASCII));
        b.putByte(318, (byte) code);
        b.putByte(319, (byte) 1);
        return record;
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String part : line.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("client closed");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
