package io.cift.core.journal.internal;

import io.cift.core.journal.JournalException;
import io.cift.core.journal.JournalReplica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32C;

/** Reading journal records, local and replicated, as the bytes a {@link JournalReplica} holds. */
final class ReplicaSync {

    private ReplicaSync() {
    }

    /** Receives raw local records. */
    @FunctionalInterface
    interface RawRecord {
        void accept(long seq, byte[] record);
    }

    /** Visits the local journal's records {@code from} to {@code to}; returns how many it visited. */
    static int forEachLocal(Path dir, long from, long to, RawRecord visitor) throws IOException {
        List<Segments.Segment> segments = Segments.list(dir);
        int[] n = {0};
        for (int i = 0; i < segments.size(); i++) {
            Segments.Segment seg = segments.get(i);
            boolean after = i + 1 < segments.size() && segments.get(i + 1).firstSeq() <= from;
            if (after || seg.firstSeq() > to) {
                continue;
            }
            Segments.scan(seg, (b, at, seq) -> {
                if (seq >= from && seq <= to) {
                    byte[] r = new byte[RecordCodec.storedLength(b, at)];
                    b.getBytes(at, r);
                    visitor.accept(seq, r);
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /** The local record {@code seq}. */
    static byte[] localRecord(Path dir, long seq) throws IOException {
        byte[][] found = new byte[1][];
        forEachLocal(dir, seq, seq, (s, r) -> found[0] = r);
        if (found[0] == null) {
            throw new JournalException("journal " + dir + " has no readable record " + seq);
        }
        return found[0];
    }

    /** Sends the replica the local records {@code from} to {@code to}; returns how many. */
    static int sendLocal(Path dir, long from, long to, JournalReplica replica) throws IOException {
        int n = forEachLocal(dir, from, to, replica::append);
        replica.flush();
        if (n != to - from + 1) {
            throw new JournalException("journal " + dir + " holds " + n + " readable records of " + from + " to " + to);
        }
        return n;
    }

    /** The replica's record {@code seq}. */
    static byte[] replicaRecord(JournalReplica replica, long seq, Duration wait) {
        byte[][] found = new byte[1][];
        replica.read(seq, 1, wait, (s, r) -> {
            found[0] = r;
            return true;
        });
        if (found[0] == null) {
            throw new JournalException("the replica did not return record " + seq + " within " + wait);
        }
        return found[0];
    }

    /**
     * Checks a replicated record: its stored length, sequence number and checksum.
     *
     * @throws JournalException naming what is wrong
     */
    static void verify(byte[] record, long seq) {
        if (record.length < RecordCodec.MIN_RECORD_LENGTH || record.length > RecordCodec.MAX_RECORD_LENGTH) {
            throw new JournalException("replica record " + seq + " has " + record.length + " bytes: not a journal record");
        }
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(0) & 0xffff;
        long stored = b.getLong(RecordCodec.SEQ_OFFSET);
        if (length != record.length || stored != seq) {
            throw new JournalException("replica record " + seq + " is damaged: it says length " + length + " and command "
                    + stored + ", and has " + record.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(record, RecordCodec.SEQ_OFFSET, record.length - RecordCodec.SEQ_OFFSET);
        if ((int) crc.getValue() != b.getInt(RecordCodec.CRC_OFFSET)) {
            throw new JournalException("replica record " + seq + " fails its checksum");
        }
    }
}
