package io.cift.core.journal.internal;

import io.cift.core.book.internal.ArrayOrderBook;
import io.cift.core.book.internal.StateHash;
import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.journal.SnapshotInfo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableArrayBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files {@code snapshot-<sequence, 20 digits>.snap}, big-endian: {@code "CIFTSNP1"}, sequence,
 * events, trades, volume, rejects, state hash (i64 each), the engine id (modified UTF-8), the book count
 * (i32), then per book in symbol order its symbol, its order count (i32) and its orders in priority order
 * ({@code id, owner:i64, flags:u8 (1 buy, 2 post-only), price, open, filled:i64}); then a risk gate flag
 * (u8) and, with a gate, its clock, its state hash and its state ({@code ArrayRiskCalculator.writeState},
 * length-prefixed); last a CRC32C (i32) of every byte before it. Written to a temporary file, forced, and
 * renamed into place.
 */
public final class Snapshots {
    private static final byte[] MAGIC = {'C', 'I', 'F', 'T', 'S', 'N', 'P', '1'};
    /** Where the header keeps the books' state hash: after the magic and five counters. */
    private static final int HASH_AT = MAGIC.length + 5 * 8;
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");

    private Snapshots() {
    }

    /**
     * Serializes the engine's state into a reused buffer (on the matching thread; the orders themselves
     * allocate nothing, only the list of symbols does).
     *
     * @param out the buffer, grown as needed
     * @param engineId the engine's id (ASCII)
     * @param c the counters
     * @param state the books and the risk gate
     * @return the snapshot's length in {@code out}; its books' state hash is then {@link #storedHash}
     */
    static int serialize(ExpandableArrayBuffer out, String engineId, EngineCounters c, EngineState state) {
        SymbolRoutingEngine engine = state.books;
        TreeSet<String> symbols = new TreeSet<>(engine.symbols());
        out.checkLimit(sizeEstimate(engineId, symbols, engine));   // one allocation, not one per half again
        int[] at = {0};
        out.putBytes(0, MAGIC);
        at[0] = MAGIC.length;
        putLong(out, at, c.commandSeq);
        putLong(out, at, c.eventSeq);
        putLong(out, at, c.tradeSeq);
        putLong(out, at, c.volume);
        putLong(out, at, c.rejects);
        putLong(out, at, 0);   // the books' state hash, folded on the walk below
        putString(out, at, engineId);
        long stateHash = StateHash.start();
        out.putInt(at[0], symbols.size(), ByteOrder.BIG_ENDIAN);
        at[0] += 4;
        for (String sym : symbols) {
            ArrayOrderBook b = (ArrayOrderBook) engine.book(sym).orElseThrow();
            putString(out, at, sym);
            out.putInt(at[0], b.orderCount(), ByteOrder.BIG_ENDIAN);
            at[0] += 4;
            long bookHash = b.forEachOrder((id, owner, buy, price, open, filled, postOnly) -> {
                putLong(out, at, id);
                putLong(out, at, owner);
                out.putByte(at[0]++, (byte) ((buy ? 1 : 0) | (postOnly ? 2 : 0)));
                putLong(out, at, price);
                putLong(out, at, open);
                putLong(out, at, filled);
            });
            stateHash = SymbolRoutingEngine.foldBook(stateHash, b, bookHash);
        }
        out.putLong(HASH_AT, stateHash, ByteOrder.BIG_ENDIAN);
        out.putByte(at[0]++, (byte) (state.risk == null ? 0 : 1));
        if (state.risk != null) {
            putLong(out, at, state.clock.now);
            putLong(out, at, state.risk.stateHash());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                state.risk.writeState(new DataOutputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
            }
            out.putInt(at[0], bytes.size(), ByteOrder.BIG_ENDIAN);
            out.putBytes(at[0] + 4, bytes.toByteArray());
            at[0] += 4 + bytes.size();
        }
        CRC32C crc = new CRC32C();
        crc.update(out.byteArray(), 0, at[0]);
        out.putInt(at[0], (int) crc.getValue(), ByteOrder.BIG_ENDIAN);
        return at[0] + 4;
    }

    /**
     * The bytes {@link #serialize} needs, at least for the books (the risk gate's state, rare and small, may
     * grow the buffer once more): growing it half again at a time while a deep book is written copied and
     * zeroed about three times its size (some 150 ms on the matching thread for 260,000 orders, in each new
     * engine).
     */
    private static int sizeEstimate(String engineId, TreeSet<String> symbols, SymbolRoutingEngine engine) {
        long bytes = MAGIC.length + 6 * 8 + 2 + 3L * engineId.length() + 4 + 1 + 3 * 8 + 4 + 4 + 1024;
        for (String sym : symbols) {
            int orders = engine.book(sym).map(io.cift.core.book.OrderBook::orderCount).orElse(0);
            bytes += 2 + 3L * sym.length() + 4 + (long) orders * ORDER_BYTES;
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    /** Bytes of one order in a snapshot: id, owner, flags, price, open and filled quantity. */
    private static final int ORDER_BYTES = 8 + 8 + 1 + 8 + 8 + 8;

    /**
     * The books' state hash of the snapshot {@link #serialize} last wrote into {@code out}.
     *
     * @param out the buffer
     * @return the hash
     */
    static long storedHash(ExpandableArrayBuffer out) {
        return out.getLong(HASH_AT, ByteOrder.BIG_ENDIAN);
    }

    private static void putLong(ExpandableArrayBuffer out, int[] at, long v) {
        out.putLong(at[0], v, ByteOrder.BIG_ENDIAN);
        at[0] += 8;
    }

    /** As {@link DataOutputStream#writeUTF} writes an ASCII string: a two-byte length, then the bytes. */
    private static void putString(ExpandableArrayBuffer out, int[] at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length != s.length() || b.length > 0xFFFF) {
            // not ASCII: the modified UTF-8 that readUTF expects
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                new DataOutputStream(bytes).writeUTF(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.putBytes(at[0], bytes.toByteArray());
            at[0] += bytes.size();
            return;
        }
        out.putShort(at[0], (short) b.length, ByteOrder.BIG_ENDIAN);
        out.putBytes(at[0] + 2, b);
        at[0] += 2 + b.length;
    }

    /**
     * The file name of the snapshot at a sequence number.
     *
     * @param sequence the snapshot's sequence number
     * @return the name
     */
    static String fileName(long sequence) {
        return "snapshot-" + Segments.twentyDigits(sequence) + ".snap";
    }

    /**
     * Writes a snapshot durably: a temporary file, forced, renamed, and the directory forced.
     *
     * @param dir the journal directory
     * @param sequence the snapshot's sequence number
     * @param bytes its contents
     * @param length how many of the bytes
     * @return the file
     * @throws IOException when writing fails
     */
    public static Path write(Path dir, long sequence, byte[] bytes, int length) throws IOException {
        Path file = dir.resolve(fileName(sequence));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        JournalWriter.forceDirectory(dir);
        return file;
    }

    /**
     * The snapshot files of a directory, newest first (by the sequence number in the name).
     *
     * @param dir the directory
     * @return the files
     * @throws IOException when it cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(sequenceOf(b), sequenceOf(a)));
        return out;
    }

    /**
     * The sequence number a snapshot file's name gives.
     *
     * @param file the file
     * @return the sequence number
     */
    public static long sequenceOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot file: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    /** A snapshot read and checked, ready to be restored. */
    public static final class Loaded {
        /** What it holds besides the books. */
        public final SnapshotInfo info;
        /** The engine id stored in it. */
        public final String engineId;
        private final byte[] bytes;
        private final int booksAt;

        private Loaded(SnapshotInfo info, String engineId, byte[] bytes, int booksAt) {
            this.info = info;
            this.engineId = engineId;
            this.bytes = bytes;
            this.booksAt = booksAt;
        }

        /**
         * Puts the books (and the risk gate's state) into an empty state, and the counters into {@code c}.
         *
         * @param state the empty state
         * @param c the counters
         * @throws IllegalArgumentException when the snapshot cannot be restored (damaged, or taken with or
         *                                  without a risk gate where the engine now has the other)
         */
        void restore(EngineState state, EngineCounters c) {
            String refused;
            try {
                refused = readInto(state);
            } catch (java.io.EOFException e) {
                throw new IllegalArgumentException("snapshot " + info.file() + " ends early", e);
            } catch (IOException | RuntimeException e) {
                // its checksum matched, yet its contents do not hold together: recovery falls back to an older one
                throw new IllegalArgumentException("snapshot " + info.file() + " is inconsistent: " + e, e);
            }
            if (refused != null) {
                throw new IllegalArgumentException("snapshot " + info.file() + refused);
            }
            c.commandSeq = info.sequence();
            c.eventSeq = info.events();
            c.tradeSeq = info.trades();
            c.volume = info.volume();
            c.rejects = info.rejects();
        }

        /**
         * Reads the books (and the risk gate's state) into {@code state}.
         *
         * @return null, or why the snapshot cannot be restored into this engine (after the file's name)
         */
        private String readInto(EngineState state) throws IOException {
            SymbolRoutingEngine engine = state.books;
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, booksAt, bytes.length - booksAt - 4));
            int books = in.readInt();
            for (int i = 0; i < books; i++) {
                ArrayOrderBook b = engine.bookForRestore(in.readUTF());
                int orders = in.readInt();
                for (int k = 0; k < orders; k++) {
                    long id = in.readLong();
                    long owner = in.readLong();
                    int flags = in.readByte();
                    b.restore(id, owner, (flags & 1) != 0, in.readLong(), in.readLong(), in.readLong(), (flags & 2) != 0);
                }
            }
            boolean gated = in.readByte() != 0;
            if (gated != (state.risk != null)) {
                return " was taken " + (gated ? "with" : "without") + " a risk gate, and the engine is now configured "
                        + (gated ? "without" : "with") + " one";
            }
            if (gated) {
                long clock = in.readLong();
                long riskHash = in.readLong();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("risk state of " + length + " bytes, " + in.available() + " left");
                }
                byte[] riskState = new byte[length];
                in.readFully(riskState);
                state.risk.readState(new DataInputStream(new ByteArrayInputStream(riskState)));
                state.clock.now = clock;
                if (state.risk.stateHash() != riskHash) {
                    return ": the restored risk state's hash " + Long.toHexString(state.risk.stateHash()) + " is not the stored "
                            + Long.toHexString(riskHash);
                }
            }
            return null;
        }
    }

    /**
     * Reads a snapshot file and checks its magic, checksum and name.
     *
     * @param file the file
     * @return the snapshot, or null when it is damaged
     * @throws IOException when it cannot be read
     */
    public static Loaded read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file);
    }

    /**
     * Checks a serialized snapshot's magic, checksum and, when it comes from a file, name.
     *
     * @param bytes the whole snapshot, as {@link #serialize} wrote it
     * @param file the file it was read from, or null for one taken in memory
     * @return the snapshot, or null when it is damaged
     * @throws IOException when it cannot be read
     */
    static Loaded parse(byte[] bytes, Path file) throws IOException {
        if (bytes.length < MAGIC.length + 6 * 8 + 2 + 4 + 4) {
            return null;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return null;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            return null;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length));
        long seq = in.readLong();
        if (file != null && seq != sequenceOf(file)) {
            return null;
        }
        SnapshotInfo info = new SnapshotInfo(seq, in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), file);
        String engineId = in.readUTF();
        int booksAt = bytes.length - 4 - in.available() + 4;
        return new Loaded(info, engineId, bytes, booksAt);
    }
}
