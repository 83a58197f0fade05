package io.instflow.databento;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection to the gateway: control lines are read byte by byte from the same buffered
 * stream that then carries the DBN data, so no byte past a line end is lost between the phases.
 */
final class GatewayConnection implements AutoCloseable {

    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;

    private GatewayConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 256 * 1024);
        this.out = socket.getOutputStream();
    }

    static GatewayConnection open(String host, int port, Duration connectTimeout)
            throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(4 << 20);
        socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
        return new GatewayConnection(socket);
    }

    void timeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    /** The next control line without its newline; throws on end of stream. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        "the gateway closed the connection during the handshake"
                                + (line.length() > 0 ? " after '" + line + "'" : ""));
            }
            if (b == '\n') {
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("gateway control line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    void send(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The data phase's input, continuing where the control lines ended. */
    InputStream data() {
        return in;
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket has nothing left to report
        }
    }
}
