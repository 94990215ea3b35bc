package io.cift.core.journal.internal;

import io.cift.core.journal.JournalException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Journal segment files: {@code journal-<first sequence, 20 digits>.seg}, a 32-byte header
 * ({@code "CIFTJRN1", version:i32, headerLength:i32, firstSeq:i64, reserved:i64}, little-endian) and
 * then records ({@link RecordCodec}) back to back.
 */
public final class Segments {
    /** Length of a segment's header. */
    public static final int HEADER_LENGTH = 32;
    private static final byte[] MAGIC = {'C', 'I', 'F', 'T', 'J', 'R', 'N', '1'};
    private static final int VERSION = 2;
    private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.seg");

    private Segments() {
    }

    /** A segment file and the first sequence number its name gives. */
    public record Segment(Path path, long firstSeq) {
    }

    /**
     * The segment files of a directory, oldest first.
     *
     * @param dir the journal directory
     * @return the segments
     * @throws IOException when the directory cannot be listed
     */
    public static List<Segment> list(Path dir) throws IOException {
        List<Segment> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new Segment(p, Long.parseLong(m.group(1))));
                }
            });
        }
        out.sort((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()));
        return out;
    }

    /**
     * The file name of a segment.
     *
     * @param firstSeq its first sequence number
     * @return the name
     */
    public static String name(long firstSeq) {
        return "journal-" + twentyDigits(firstSeq) + ".seg";
    }

    /**
     * A sequence number in the twenty digits of the journal's file names, zero-padded. Not
     * {@code String.format}: its first use in a JVM costs 20 to 30 ms, which every new journal paid.
     *
     * @param sequence the sequence number, not negative
     * @return the digits
     */
    static String twentyDigits(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
        String digits = Long.toString(sequence);
        return "0".repeat(20 - digits.length()) + digits;
    }

    /**
     * A segment's header.
     *
     * @param firstSeq the first sequence number
     * @return the 32 bytes
     */
    public static ByteBuffer header(long firstSeq) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(VERSION).putInt(HEADER_LENGTH).putLong(firstSeq).putLong(0L).flip();
        return h;
    }

    /**
     * Unreadable bytes between valid records.
     *
     * @param offset where they start
     * @param firstLost the first command that could not be read
     * @param lastLost the last command that could not be read (below {@code firstLost} when none was lost)
     * @param problem what was wrong
     */
    public record Damage(long offset, long firstLost, long lastLost, String problem) {
    }

    /** What a scan of one segment found. */
    public static final class ScanResult {
        /** The last valid sequence number (firstSeq - 1 when the segment holds no record). */
        public long lastSeq;
        /** The offset just past the last valid record. */
        public long validEnd;
        /** The file's length (segments are preallocated with zeros, so it is usually more than the data). */
        public long fileLength;
        /** The offset just past the last byte that is not zero (the written part of the file). */
        public long dataEnd;
        /** Whether bytes after {@link #validEnd} cannot be read as records (nothing valid follows them). */
        public boolean damagedTail;
        /** Whether the header itself is unreadable. */
        public boolean badHeader;
        /** What was wrong at {@link #validEnd}. */
        public String problem;
        /** Damage with valid records after it, in file order. */
        public final List<Damage> damages = new ArrayList<>();
    }

    /** Receives the records of a scan. */
    @FunctionalInterface
    public interface RecordVisitor {
        /**
         * One valid record.
         *
         * @param buffer the mapped segment
         * @param offset the record's start
         * @param seq its sequence number
         */
        void record(UnsafeBuffer buffer, int offset, long seq);
    }

    /**
     * Reads a segment's records in order, checking each record's checksum and that sequence numbers
     * follow on, and stops at the first that fails.
     *
     * @param seg the segment
     * @param visitor receives every valid record, or null
     * @return what was found
     * @throws IOException when the file cannot be read
     */
    public static ScanResult scan(Segment seg, RecordVisitor visitor) throws IOException {
        ScanResult r = new ScanResult();
        try (FileChannel ch = FileChannel.open(seg.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            r.fileLength = size;
            r.lastSeq = seg.firstSeq() - 1;
            if (size > Integer.MAX_VALUE) {
                throw new JournalException("journal segment " + seg.path() + " is larger than 2 GiB");
            }
            if (size < HEADER_LENGTH) {
                r.badHeader = true;
                r.damagedTail = size > 0;
                r.problem = "header cut short (" + size + " bytes)";
                return r;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            try {
                UnsafeBuffer b = new UnsafeBuffer(map);
                if (!headerOk(b, seg.firstSeq())) {
                    r.badHeader = true;
                    r.damagedTail = true;
                    r.problem = "header is not a CIFT journal header for sequence " + seg.firstSeq();
                    return r;
                }
                CRC32C crc = new CRC32C();
                int at = HEADER_LENGTH;
                long expected = seg.firstSeq();
                int end = (int) size;
                while (at < end) {
                    if (RecordCodec.storedLength(b, at) == 0 && zerosFrom(b, at, end)) {
                        break;   // the preallocated, never written rest of the segment
                    }
                    String problem = check(b, map, crc, at, end, expected);
                    if (problem == null) {
                        if (visitor != null) {
                            visitor.record(b, at, expected);
                        }
                        r.lastSeq = expected++;
                        at += RecordCodec.storedLength(b, at);
                        continue;
                    }
                    int next = resync(b, map, crc, at + 1, end, expected);
                    if (next < 0) {
                        r.damagedTail = true;
                        r.problem = problem;
                        break;
                    }
                    long nextSeq = RecordCodec.storedSequence(b, next);
                    r.damages.add(new Damage(at, expected, nextSeq - 1, problem));
                    expected = nextSeq;
                    at = next;
                }
                r.validEnd = at;
                r.dataEnd = r.damagedTail ? lastNonZero(b, at, end) : at;
            } finally {
                IoUtil.unmap(map);
            }
        }
        return r;
    }

    private static boolean headerOk(UnsafeBuffer b, long firstSeq) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.getByte(i) != MAGIC[i]) {
                return false;
            }
        }
        return b.getInt(8, ByteOrder.LITTLE_ENDIAN) == VERSION && b.getInt(12, ByteOrder.LITTLE_ENDIAN) == HEADER_LENGTH
                && b.getLong(16, ByteOrder.LITTLE_ENDIAN) == firstSeq;
    }

    /** Checks the record at {@code at}; returns what is wrong, or null. */
    private static String check(UnsafeBuffer b, MappedByteBuffer map, CRC32C crc, int at, int end, long expected) {
        if (end - at < RecordCodec.MIN_RECORD_LENGTH) {
            return "a record cut short at offset " + at + " (" + (end - at) + " bytes)";
        }
        int len = RecordCodec.storedLength(b, at);
        if (len < RecordCodec.MIN_RECORD_LENGTH || len > RecordCodec.MAX_RECORD_LENGTH) {
            return "a record with an impossible length " + len + " at offset " + at;
        }
        if (len > end - at) {
            return "a record cut short at offset " + at + " (" + (end - at) + " of " + len + " bytes)";
        }
        crc.reset();
        map.limit(at + len).position(at + RecordCodec.SEQ_OFFSET);
        crc.update(map);
        map.limit(end);
        if ((int) crc.getValue() != b.getInt(at + RecordCodec.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN)) {
            return "a record whose checksum does not match at offset " + at;
        }
        long seq = RecordCodec.storedSequence(b, at);
        if (seq != expected) {
            return "sequence " + seq + " where " + expected + " was expected at offset " + at;
        }
        return null;
    }

    /** Whether every byte from {@code from} to {@code end} is zero. */
    private static boolean zerosFrom(UnsafeBuffer b, int from, int end) {
        return lastNonZero(b, from, end) == from;
    }

    /** The offset just past the last byte in [from, end) that is not zero, or {@code from} when all are. */
    private static int lastNonZero(UnsafeBuffer b, int from, int end) {
        int i = end;
        while (i - 8 >= from && b.getLong(i - 8) == 0) {
            i -= 8;
        }
        while (i > from && b.getByte(i - 1) == 0) {
            i--;
        }
        return i;
    }

    /**
     * The offset of the first valid record at or after {@code from} whose sequence number is at least
     * {@code expected} (and no larger than the bytes left could hold), or -1 when there is none.
     */
    private static int resync(UnsafeBuffer b, MappedByteBuffer map, CRC32C crc, int from, int end, long expected) {
        long maxSeq = expected + (end - from) / RecordCodec.MIN_RECORD_LENGTH + 1;
        int dataEnd = lastNonZero(b, from, end);
        for (int at = from; at <= end - RecordCodec.MIN_RECORD_LENGTH && at < dataEnd; at++) {
            int len = RecordCodec.storedLength(b, at);
            if (len < RecordCodec.MIN_RECORD_LENGTH || len > RecordCodec.MAX_RECORD_LENGTH || len > end - at) {
                continue;
            }
            long seq = RecordCodec.storedSequence(b, at);
            if (seq < expected || seq > maxSeq) {
                continue;
            }
            if (check(b, map, crc, at, end, seq) == null) {
                return at;
            }
        }
        return -1;
    }
}
