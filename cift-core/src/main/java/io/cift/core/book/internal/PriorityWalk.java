package io.cift.core.book.internal;

/**
 * One side's resting orders in priority order (best level first, FIFO within a level), a batch of handles
 * at a time, for the walks over the whole book (state hash, snapshots). Following one level's queue is a
 * chain of dependent cache misses on a deep book, one per order; so a batch takes up to {@value #LANES}
 * consecutive levels and follows their queues side by side, one step of each per round, letting the
 * misses of different queues overlap. Each level's place in the batch is known from its count, so the
 * handles come out in priority order. A level longer than the batch is followed on its own, in chunks.
 * Not thread-safe: one walk, on the book's thread.
 */
final class PriorityWalk {
    /** Levels followed side by side. */
    static final int LANES = 32;
    /** Handles a batch holds at most. */
    static final int CAPACITY = 2048;

    private final OrderStore orders;
    private final int[] handles;
    private final int[] cursor = new int[LANES];
    private final int[] at = new int[LANES];
    private final int[] end = new int[LANES];
    private BookSide side;
    private int level;
    /** A level read from the side but not yet in a batch. */
    private Level pending;
    /** The next order of a level too long to batch with others, -1 when none is under way. */
    private int longCursor = OrderStore.NONE;

    /**
     * @param orders the book's rows
     * @param capacity handles a batch may hold: {@link #CAPACITY}, or fewer for a book that holds fewer orders
     */
    PriorityWalk(OrderStore orders, int capacity) {
        this.orders = orders;
        this.handles = new int[Math.max(1, Math.min(CAPACITY, capacity))];
    }

    /** Starts a walk over {@code s}. */
    void start(BookSide s) {
        side = s;
        level = 0;
        pending = null;
        longCursor = OrderStore.NONE;
    }

    /** The batch {@link #next} filled. */
    int[] handles() {
        return handles;
    }

    /**
     * Fills {@link #handles} with the next orders.
     *
     * @return how many, 0 when the side is done
     * @throws IllegalStateException when a level's queue does not hold as many orders as its count says
     */
    int next() {
        if (longCursor >= 0) {
            return chunk();
        }
        int lanes = 0;
        int filled = 0;
        while (true) {
            if (pending == null) {
                if (level == side.size()) {
                    break;
                }
                pending = side.fromBest(level++);
            }
            Level l = pending;
            if (l.count > handles.length) {
                if (lanes > 0) {
                    break;   // the batch so far first
                }
                pending = null;
                longCursor = l.head;
                return chunk();
            }
            if (lanes == LANES || filled + l.count > handles.length) {
                break;
            }
            pending = null;
            cursor[lanes] = l.head;
            at[lanes] = filled;
            filled += l.count;
            end[lanes] = filled;
            lanes++;
        }
        gather(lanes);
        return filled;
    }

    /** Follows the batch's queues side by side into their places in {@link #handles}. */
    private void gather(int lanes) {
        for (int live = lanes; live > 0; ) {
            live = 0;
            for (int k = 0; k < lanes; k++) {
                int o = cursor[k];
                if (o >= 0) {
                    if (at[k] == end[k]) {
                        throw new IllegalStateException("a level queue holds more orders than its count");
                    }
                    handles[at[k]++] = o;
                    cursor[k] = orders.next(o);
                    live++;
                }
            }
        }
        for (int k = 0; k < lanes; k++) {
            if (at[k] != end[k]) {
                throw new IllegalStateException("a level queue holds fewer orders than its count");
            }
        }
    }

    /** The next chunk of a level too long to batch. */
    private int chunk() {
        int n = 0;
        int o = longCursor;
        while (o >= 0 && n < handles.length) {
            handles[n++] = o;
            o = orders.next(o);
        }
        longCursor = o;
        return n;
    }
}
