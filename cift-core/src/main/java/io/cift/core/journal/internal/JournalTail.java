package io.cift.core.journal.internal;

import io.cift.core.journal.JournalException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a live journal's records in order as the writer appends them, from one position on: the segment being
 * appended to, then each segment the writer rolls to. It reads only records the caller knows are written (up to a
 * sequence number the writer published), so a record it finds is whole; a record that is not there yet at the end
 * of a segment is at the start of the next one. Each record's checksum and sequence number are checked. One thread.
 */
final class JournalTail implements AutoCloseable {

    /** Called for each record, in order. */
    @FunctionalInterface
    interface Visitor {
        /**
         * One record.
         *
         * @param b the buffer holding it
         * @param at where it starts
         * @param seq its sequence number
         */
        void record(UnsafeBuffer b, int at, long seq);
    }

    /** Bytes read from the segment at a time. */
    private static final int READ_CHUNK = 32 << 10;
    private final Path dir;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 << 10).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer view = new UnsafeBuffer(buffer);
    private final CRC32C crc = new CRC32C();
    private FileChannel channel;
    private Path segment;
    /** The file position of the buffer's first byte. */
    private long bufferAt;
    /** Valid bytes in the buffer. */
    private int filled;
    /** The next record's offset in the buffer. */
    private int at;
    private long next;
    /** The records the buffer's bytes can be trusted for: those the writer had published when they were read. */
    private long trusted;

    /**
     * Starts reading at a record.
     *
     * @param dir the journal directory
     * @param segment the segment holding the record (or the one it will be appended to)
     * @param position the record's offset in it
     * @param next its sequence number
     * @throws IOException when the segment cannot be opened
     */
    JournalTail(Path dir, Path segment, long position, long next) throws IOException {
        this.dir = dir;
        this.next = next;
        open(segment, position);
    }

    /** @return the sequence number of the next record to read */
    long next() {
        return next;
    }

    /**
     * Reads every record up to {@code last}, which the writer has written.
     *
     * @param last the last sequence number to read
     * @param visitor gets each record
     * @return how many were read
     * @throws IOException when a segment cannot be read
     * @throws JournalException when a record is damaged or out of order, or missing where the writer put it
     */
    int read(long last, Visitor visitor) throws IOException {
        int n = 0;
        while (next <= last) {
            if (next > trusted) {
                // the buffer past this record was read before the writer published these records: bytes of
                // records it was still writing, or zeros where it has written since. Read it again.
                filled = at;
                trusted = last;
            }
            if (!available(RecordCodec.MIN_RECORD_LENGTH) || RecordCodec.storedLength(view, at) == 0) {
                roll();
                continue;
            }
            int length = RecordCodec.storedLength(view, at);
            if (length < RecordCodec.MIN_RECORD_LENGTH || length > RecordCodec.MAX_RECORD_LENGTH) {
                throw damaged("a record with an impossible length " + length);
            }
            if (!available(length)) {
                throw damaged("a record of " + length + " bytes cut short by the end of the segment");
            }
            crc.reset();
            buffer.limit(at + length).position(at + RecordCodec.SEQ_OFFSET);
            crc.update(buffer);
            buffer.clear();
            if ((int) crc.getValue() != view.getInt(at + RecordCodec.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN)) {
                throw damaged("a record whose checksum does not match");
            }
            long seq = RecordCodec.storedSequence(view, at);
            if (seq != next) {
                throw damaged("sequence " + seq + " where " + next + " was expected");
            }
            visitor.record(view, at, seq);
            at += length;
            next++;
            n++;
        }
        return n;
    }

    /** The record {@link #next} is not in this segment: the writer started the next one with it. */
    private void roll() throws IOException {
        Path p = dir.resolve(Segments.name(next));
        if (p.equals(segment)) {
            throw damaged("record " + next + " is missing though it was written");
        }
        channel.close();
        open(p, Segments.HEADER_LENGTH);
    }

    private void open(Path p, long position) throws IOException {
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new JournalException("journal segment " + p + " holding record " + next + " does not exist", e);
        }
        segment = p;
        bufferAt = position;
        filled = 0;
        at = 0;
    }

    /**
     * Makes sure {@code bytes} bytes from {@link #at} are in the buffer, reading more of the segment when needed.
     *
     * @return false when the segment ends before that
     */
    private boolean available(int bytes) throws IOException {
        if (filled - at >= bytes) {
            return true;
        }
        // keep what is left of a record, read the rest behind it
        int keep = filled - at;
        if (keep > 0) {
            view.putBytes(0, view, at, keep);
        }
        bufferAt += at;
        at = 0;
        filled = keep;
        while (filled < bytes) {
            // a chunk at a time: what lies past the written records is zeros, not worth copying
            buffer.limit(Math.min(buffer.capacity(), Math.max(filled + READ_CHUNK, bytes))).position(filled);
            int r = channel.read(buffer, bufferAt + filled);
            buffer.clear();
            if (r <= 0) {
                return false;
            }
            filled += r;
        }
        return true;
    }

    private JournalException damaged(String problem) {
        return new JournalException("journal segment " + segment + " at offset " + (bufferAt + at) + ": " + problem
                + " (reading record " + next + ")");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
