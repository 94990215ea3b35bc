package io.cift.examples.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Bytes held in memory until the commands that produced them are durable: {@link #mark} says which command
 * the bytes so far belong to, {@link #release} writes out those of durable commands. {@link #flush()} writes
 * nothing, so nothing reaches the file before its command is in the journal. Not thread-safe: the replay's
 * own thread writes, marks and releases.
 */
final class DurablePrefixOutput extends OutputStream {
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int len;
    /** Marks in order, {@code marks} of them: a command sequence, and where its bytes end. */
    private long[] markSeq = new long[64];
    private int[] markEnd = new int[64];
    private int marks;

    /**
     * @param out where released bytes go; closed by {@link #close()}
     */
    DurablePrefixOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /**
     * Records that the bytes written so far belong to commands up to {@code seq}.
     *
     * @param seq the last command whose bytes are written
     */
    void mark(long seq) {
        if (marks > 0 && markEnd[marks - 1] == len || len == 0) {
            return;   // nothing new since the last mark (or since the last release)
        }
        if (marks == markSeq.length) {
            markSeq = Arrays.copyOf(markSeq, marks * 2);
            markEnd = Arrays.copyOf(markEnd, marks * 2);
        }
        markSeq[marks] = seq;
        markEnd[marks++] = len;
    }

    /**
     * Writes out the bytes of every mark at or below {@code durableSeq}.
     *
     * @param durableSeq the highest durable command
     * @throws IOException when writing fails
     */
    void release(long durableSeq) throws IOException {
        int i = 0;
        while (i < marks && markSeq[i] <= durableSeq) {
            i++;
        }
        if (i == 0) {
            return;
        }
        int end = markEnd[i - 1];
        out.write(buf, 0, end);
        out.flush();
        System.arraycopy(buf, end, buf, 0, len - end);
        len -= end;
        int live = 0;
        for (int k = i; k < marks; k++, live++) {
            markSeq[live] = markSeq[k];
            markEnd[live] = markEnd[k] - end;
        }
        marks = live;
    }

    /** @return bytes held, released or not yet */
    int held() {
        return len;
    }

    /** Writes nothing: bytes leave only through {@link #release}. */
    @Override
    public void flush() {
    }

    /** Closes the file; bytes not released are dropped. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
