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
    private static final int SEQ = 48;
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
     */
    CommandRing(int size) {
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
     * Claims the next slot without waiting.
     *
     * @return its ring sequence, or -1 when the ring is full
     */
    long claim() {
        try {
            return sequencer.tryNext();
        } catch (InsufficientCapacityException full) {
            return -1;
        }
    }

    /**
     * Fills a claimed slot with a command.
     *
     * @param slot the ring sequence from {@link #claim}
     * @param seq the command's sequence number
     * @param op the record's op byte ({@link RecordCodec#op})
     * @param symbol the symbol's id in the {@link SymbolTable}
     * @param orderId the order id
     * @param ownerId the owner (NEW)
     * @param price the price (NEW, AMEND)
     * @param quantity the quantity (NEW, AMEND)
     * @param timed whether the record carries the gate's clock
     * @param time the clock
     */
    void command(long slot, long seq, int op, int symbol, long orderId, long ownerId, long price, long quantity,
                 boolean timed, long time) {
        long at = address + offset(slot);
        UNSAFE.putInt(at + OP, timed ? op | TIMED : op);
        UNSAFE.putInt(at + SYMBOL, symbol);
        UNSAFE.putLong(at + ORDER_ID, orderId);
        UNSAFE.putLong(at + OWNER_ID, ownerId);
        UNSAFE.putLong(at + PRICE, price);
        UNSAFE.putLong(at + QUANTITY, quantity);
        UNSAFE.putLong(at + TIME, time);
        UNSAFE.putLong(at + SEQ, seq);
    }

    /**
     * Fills a claimed slot with an administrative record.
     *
     * @param slot the ring sequence from {@link #claim}
     * @param seq the command's sequence number
     * @param kind one of {@link RecordCodec}'s {@code ADMIN_} kinds
     * @param symbol the symbol's id, or -1 for none
     * @param payload the change
     * @param time the gate's clock
     */
    void admin(long slot, long seq, int kind, int symbol, byte[] payload, long time) {
        int at = offset(slot);
        payloads[(int) (slot & mask)] = payload;
        slots.putInt(at + OP, kind | ADMIN | TIMED);
        slots.putInt(at + SYMBOL, symbol);
        slots.putLong(at + TIME, time);
        slots.putLong(at + SEQ, seq);
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

        private Slot at(long sequence) {
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

        long ownerId() {
            return UNSAFE.getLong(address + at + OWNER_ID);
        }

        long price() {
            return UNSAFE.getLong(address + at + PRICE);
        }

        long quantity() {
            return UNSAFE.getLong(address + at + QUANTITY);
        }

        long time() {
            return UNSAFE.getLong(address + at + TIME);
        }

        long seq() {
            return UNSAFE.getLong(address + at + SEQ);
        }

        byte[] payload() {
            return payloads[index];
        }
    }
}
