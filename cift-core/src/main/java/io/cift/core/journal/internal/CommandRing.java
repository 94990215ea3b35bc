package io.cift.core.journal.internal;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.SingleProducerSequencer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The hand-off from the matching thread to the journal writer: a single-producer LMAX Disruptor sequencer
 * over slots of exactly one cache line each, off the heap and aligned, holding a command as the matching
 * thread gave it (unencoded: the writer encodes). Filling a slot is a few plain stores into one line and
 * no reference store, so the garbage collector's write barrier costs nothing; an administrative record's
 * payload, the one reference, goes into a side array that only those rare records touch.
 * {@link #claim} and the setters are for the producer thread, {@link #poll} for the writer thread.
 */
final class CommandRing {
    /** Bytes per slot: one cache line. */
    static final int SLOT_BYTES = 64;
    private static final int OP = 0;
    private static final int SYMBOL = 4;
    private static final int ORDER_ID = 8;
    private static final int OWNER_ID = 16;
    private static final int PRICE = 24;
    private static final int QUANTITY = 32;
    private static final int TIME = 40;
    private static final boolean NATIVE_LE = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    /** Set in a slot's op word for an administrative record (its kind in the low bits). */
    static final int ADMIN = 1 << 16;
    /** Set in a slot's op word when the record carries the risk gate's clock. */
    static final int TIMED = 1 << 17;

    private final SingleProducerSequencer sequencer;
    private final UnsafeBuffer slots;
    /** The slots' address: the producer writes through it without the buffer's bounds checks (a slot's offset is masked into the ring). */
    private final long address;
    private final byte[][] payloads;
    private final int mask;
    /** The command sequence number of ring sequence 0: every command takes one slot, in order, so a slot's number is its position plus this. */
    private final long firstSeq;
    /**
     * The writer's view, created by the writer thread on its first poll: the view's position changes with every
     * record, and an object allocated here beside this ring's fields would share their cache line, which the
     * matching thread reads for every command.
     */
    private Slot view;
    private final EventPoller<Slot> poller;

    /**
     * Creates the ring.
     *
     * @param size the number of slots, a power of two
     * @param firstSeq the sequence number of the first command the ring will hold
     */
    CommandRing(int size, long firstSeq) {
        this.firstSeq = firstSeq;
        // the wait strategy is never waited on (the writer polls); Yielding's publish signals nobody
        this.sequencer = new SingleProducerSequencer(size, new YieldingWaitStrategy());
        this.slots = new UnsafeBuffer(BufferUtil.allocateDirectAligned(size * SLOT_BYTES, SLOT_BYTES));
        this.address = slots.addressOffset();
        this.payloads = new byte[size][];
        this.mask = size - 1;
        this.poller = sequencer.newPoller(sequence -> view.at(sequence));
        sequencer.addGatingSequences(poller.getSequence());
    }

    /**
     * Claims the next {@code n} slots without waiting. The caller publishes each one as it fills it, in order,
     * and claims again only when it has published them all.
     *
     * @param n how many slots, at least 1 and at most the ring's size
     * @return the ring sequence of the last of them, or -1 when the ring has not that much room
     */
    long claim(int n) {
        try {
            return sequencer.tryNext(n);
        } catch (InsufficientCapacityException full) {
            return -1;
        }
    }

    /**
     * Fills a claimed slot with a command: only the fields its kind has (a cancel carries no owner, price or
     * quantity; a command untimed carries no clock), each a plain store into the slot's one line. Fewer stores
     * wait less in the core's store queue while the line is fetched, and the book's own stores wait behind them.
     *
     * @param slot the ring sequence from {@link #claim}
     * @param op the record's op byte ({@link RecordCodec#op})
     * @param symbol the symbol's id in the {@link SymbolTable}
     * @param orderId the order id
     * @param ownerId the owner (NEW)
     * @param price the price (NEW, AMEND)
     * @param quantity the quantity (NEW, AMEND)
     * @param timed whether the record carries the gate's clock
     * @param time the clock
     */
    void command(long slot, int op, int symbol, long orderId, long ownerId, long price, long quantity,
                 boolean timed, long time) {
        long at = address + offset(slot);
        UNSAFE.putLong(at + OP, opAndSymbol(timed ? op | TIMED : op, symbol));
        UNSAFE.putLong(at + ORDER_ID, orderId);
        int command = op & 3;
        if (command == RecordCodec.OP_NEW) {
            UNSAFE.putLong(at + OWNER_ID, ownerId);
        }
        if (command != RecordCodec.OP_CANCEL) {
            UNSAFE.putLong(at + PRICE, price);
            UNSAFE.putLong(at + QUANTITY, quantity);
        }
        if (timed) {
            UNSAFE.putLong(at + TIME, time);
        }
    }

    /** The op word and the symbol id as the one long at {@link #OP} (the op word first in memory, as the reads expect). */
    private static long opAndSymbol(int opWord, int symbol) {
        return NATIVE_LE ? (opWord & 0xFFFF_FFFFL) | ((long) symbol << 32) : ((long) opWord << 32) | (symbol & 0xFFFF_FFFFL);
    }

    /**
     * Fills a claimed slot with an administrative record.
     *
     * @param slot the ring sequence from {@link #claim}
     * @param kind one of {@link RecordCodec}'s {@code ADMIN_} kinds
     * @param symbol the symbol's id, or -1 for none
     * @param payload the change
     * @param time the gate's clock
     */
    void admin(long slot, int kind, int symbol, byte[] payload, long time) {
        int at = offset(slot);
        payloads[(int) (slot & mask)] = payload;
        slots.putInt(at + OP, kind | ADMIN | TIMED);
        slots.putInt(at + SYMBOL, symbol);
        slots.putLong(at + TIME, time);
    }

    /**
     * The sequence number of the command a slot holds (every command takes one slot, in order).
     *
     * @param slot the ring sequence
     * @return the command's sequence number
     */
    long sequenceOf(long slot) {
        return firstSeq + slot;
    }

    /**
     * Makes a filled slot visible to the writer.
     *
     * @param slot the ring sequence
     */
    void publish(long slot) {
        sequencer.publish(slot);
    }

    /**
     * Hands every published slot (until the handler says stop) to the handler, then frees them.
     *
     * @param handler the writer's handler
     * @return the poller's state
     * @throws Exception what the handler throws
     */
    EventPoller.PollState poll(EventPoller.Handler<Slot> handler) throws Exception {
        if (view == null) {
            view = new Slot();
        }
        return poller.poll(handler);
    }

    private int offset(long slot) {
        return (int) (slot & mask) * SLOT_BYTES;
    }

    /** A read-only view of one slot, for the writer thread (one instance, moved from slot to slot). */
    final class Slot {
        private long at;
        private int index;
        private long sequence;

        private Slot at(long sequence) {
            this.sequence = sequence;
            index = (int) (sequence & mask);
            at = (long) index * SLOT_BYTES;
            return this;
        }

        boolean admin() {
            return (opWord() & ADMIN) != 0;
        }

        /** @return the op byte, or the administrative kind */
        int op() {
            return opWord() & 0xFF;
        }

        boolean timed() {
            return (opWord() & TIMED) != 0;
        }

        // reads through the slot's address: its offset is masked into the ring, so bounds checks would be redundant
        private int opWord() {
            return UNSAFE.getInt(address + at + OP);
        }

        int symbol() {
            return UNSAFE.getInt(address + at + SYMBOL);
        }

        long orderId() {
            return UNSAFE.getLong(address + at + ORDER_ID);
        }

        /** @return the owner; meaningful for a NEW only (other slots hold what an earlier command left) */
        long ownerId() {
            return UNSAFE.getLong(address + at + OWNER_ID);
        }

        /** @return the price; meaningful for a NEW or an AMEND only */
        long price() {
            return UNSAFE.getLong(address + at + PRICE);
        }

        long quantity() {
            return UNSAFE.getLong(address + at + QUANTITY);
        }

        /** @return the clock; meaningful when {@link #timed} only */
        long time() {
            return UNSAFE.getLong(address + at + TIME);
        }

        /** @return the command's sequence number (from the slot's position: slots carry none) */
        long seq() {
            return sequenceOf(sequence);
        }

        byte[] payload() {
            return payloads[index];
        }
    }
}
