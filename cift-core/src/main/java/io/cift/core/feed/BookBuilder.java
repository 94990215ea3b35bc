package io.cift.core.feed;

import io.cift.core.book.PriceLevel;
import io.cift.core.book.internal.L3Book;
import io.cift.core.model.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds the books of an order feed on the consumer's side: feed messages in, resting orders (L3) and
 * price levels (L2) out. Every message's sequence number is checked: a message older than the last one
 * applied is a duplicate and is ignored; a newer one than expected means messages were lost. In lenient
 * mode (the default) a gap is reported to the {@link GapListener}, the book is no longer trusted
 * ({@link #inSync()} is false) and messages are ignored until the next complete snapshot rebuilds it; in
 * strict mode a gap throws {@link FeedGapException}. A message the book contradicts (an order it does not
 * hold) is treated as a gap, and so is an order of one symbol more than {@link #maxSymbols(int)} allows (by
 * default {@link io.cift.core.book.MatchingEngineConfig#DEFAULT_MAX_SYMBOLS}, an engine's own default bound), so
 * that a feed naming endless symbols cannot exhaust the heap. Not thread-safe.
 */
public final class BookBuilder {

    /** Told of each gap. */
    @FunctionalInterface
    public interface GapListener {
        /**
         * Messages were lost.
         *
         * @param firstMissing the first sequence number missing
         * @param lastMissing the last one missing (equal to the first for one message)
         * @param reason what was found
         */
        void onGap(long firstMissing, long lastMissing, String reason);
    }

    private final boolean strict;
    private GapListener gaps = (first, last, reason) -> { };
    private final io.cift.core.feed.internal.SequenceCheck sequence;
    private int maxSymbols = io.cift.core.book.MatchingEngineConfig.DEFAULT_MAX_SYMBOLS;
    private L3Book book = new L3Book(maxSymbols);
    private boolean inSync = true;
    private boolean everSynced;
    /** A snapshot being read, or null. */
    private L3Book incoming;
    private long incomingExpected;
    private long incomingSeen;
    private long applied;

    /**
     * Creates a builder.
     *
     * @param strict whether a gap is an error ({@link FeedGapException}) rather than healed by the next snapshot
     */
    public BookBuilder(boolean strict) {
        this.strict = strict;
        this.sequence = new io.cift.core.feed.internal.SequenceCheck(strict, "messages", (first, last, reason) -> {
            inSync = false;
            incoming = null;
            if (!this.strict) {
                gaps.onGap(first, last, reason);
            }
        });
    }

    /**
     * Says where gaps are reported (lenient mode).
     *
     * @param listener the listener
     * @return this builder
     */
    public BookBuilder onGap(GapListener listener) {
        this.gaps = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Says how many symbols the books may hold: a message adding an order of one symbol more is treated as a
     * gap (in strict mode an error). Set it to the publishing engine's bound (its
     * {@link io.cift.core.book.MatchingEngineConfig#maxSymbols()}, or the length of its fixed list) before the
     * first message.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalStateException once a message has been applied
     */
    public BookBuilder maxSymbols(int max) {
        this.maxSymbols = sequence.checkMaxSymbols(max, incoming != null);
        this.book = new L3Book(max);
        return this;
    }

    /**
     * Applies one message.
     *
     * @param m the message
     * @throws FeedGapException in strict mode, at a gap or a contradiction
     */
    public void accept(FeedMessage m) {
        long s = m.seq();
        if (!sequence.admit(s)) {
            return;
        }
        if (m instanceof FeedMessage.SnapshotStart start) {
            incoming = new L3Book(maxSymbols);
            incomingExpected = start.orders();
            incomingSeen = 0;
            if (start.orders() < 0) {
                incoming = null;
                gap(s, s, "snapshot at " + s + " announces " + start.orders() + " orders");
            }
            return;
        }
        if (incoming != null) {
            readSnapshot(m);
            return;
        }
        if (!inSync) {
            return;   // waiting for a snapshot
        }
        try {
            apply(m);
            applied++;
        } catch (IllegalStateException contradiction) {
            gap(s, s, "message " + s + " does not fit the book (" + contradiction.getMessage() + ")");
        }
    }

    private void readSnapshot(FeedMessage m) {
        if (m instanceof FeedMessage.SnapshotOrder o) {
            try {
                incoming.add(o.symbol(), o.orderId(), o.side(), o.price(), o.quantity());
                incomingSeen++;
            } catch (IllegalStateException bad) {
                incoming = null;
                gap(m.seq(), m.seq(), "snapshot order " + m.seq() + " does not fit the snapshot: " + bad.getMessage());
            }
        } else if (m instanceof FeedMessage.SnapshotEnd) {
            if (incomingSeen != incomingExpected) {
                incoming = null;
                gap(m.seq(), m.seq(), "snapshot ended with " + incomingSeen + " orders of " + incomingExpected);
                return;
            }
            book = incoming;
            incoming = null;
            inSync = true;
            everSynced = true;
        } else {
            incoming = null;
            gap(m.seq(), m.seq(), "message " + m.seq() + " inside a snapshot");
        }
    }

    private void apply(FeedMessage m) {
        if (m instanceof FeedMessage.OrderAdded a) {
            int position = book.add(a.symbol(), a.orderId(), a.side(), a.price(), a.quantity());
            if (position != a.position()) {
                throw new IllegalStateException("order " + a.orderId() + " joined at position " + position + ", not "
                        + a.position());
            }
        } else if (m instanceof FeedMessage.OrderExecuted x) {
            book.reduce(x.symbol(), x.orderId(), x.quantity());
        } else if (m instanceof FeedMessage.OrderReduced r) {
            book.reduce(r.symbol(), r.orderId(), r.quantity());
        } else if (m instanceof FeedMessage.OrderReplaced r) {
            book.replace(r.symbol(), r.orderId(), r.price(), r.quantity(), r.priorityKept());
        } else if (m instanceof FeedMessage.OrderDeleted d) {
            book.delete(d.symbol(), d.orderId());
        } else {
            throw new IllegalStateException(m.getClass().getSimpleName() + " outside a snapshot");
        }
    }

    private void gap(long first, long last, String reason) {
        sequence.gap(first, last, reason);
    }

    /**
     * Whether the book follows the feed: true from the start until a gap, and again after the next complete
     * snapshot.
     *
     * @return whether it is in sync
     */
    public boolean inSync() {
        return inSync;
    }

    /**
     * Whether a complete snapshot has been applied at least once (a late joiner's book is whole only then).
     *
     * @return whether one was
     */
    public boolean snapshotApplied() {
        return everSynced;
    }

    /** @return the sequence number expected next */
    public long nextSequence() {
        return sequence.next();
    }

    /** @return gaps found (and contradictions) */
    public long gaps() {
        return sequence.gaps();
    }

    /** @return messages ignored because they were older than the last one applied */
    public long duplicates() {
        return sequence.duplicates();
    }

    /** @return incremental messages applied */
    public long applied() {
        return applied;
    }

    /**
     * Every resting order: symbols sorted, BUY before SELL, best price first, time priority within a price.
     *
     * @return the orders
     */
    public List<L3Order> orders() {
        List<L3Order> out = new ArrayList<>();
        book.forEach(out::add);
        return out;
    }

    /**
     * One symbol's resting orders in priority order.
     *
     * @param symbol the symbol
     * @return the orders
     */
    public List<L3Order> orders(String symbol) {
        List<L3Order> out = new ArrayList<>();
        book.forEach(symbol, out::add);
        return out;
    }

    /**
     * Symbols with resting orders, sorted.
     *
     * @return the symbols
     */
    public List<String> symbols() {
        return book.symbols();
    }

    /**
     * Price levels (L2) of one side, best first.
     *
     * @param symbol the symbol
     * @param side the side
     * @param maxLevels how many at most
     * @return the levels
     */
    public List<PriceLevel> depth(String symbol, Side side, int maxLevels) {
        return book.depth(symbol, side, maxLevels);
    }
}
