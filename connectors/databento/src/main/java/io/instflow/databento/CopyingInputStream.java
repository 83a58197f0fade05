package io.instflow.databento;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An input stream that writes every byte it reads to a copy; closing it reads what is left first,
 * so the copy is the whole stream even when its reader stopped early.
 */
final class CopyingInputStream extends FilterInputStream {

    private final OutputStream copy;

    CopyingInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            transferTo(OutputStream.nullOutputStream());
        } finally {
            super.close();
        }
    }
}
