package io.cift.core.feed;

import io.cift.core.book.PriceLevel;
import io.cift.core.feed.LevelFeed.LevelMessage;
import io.cift.core.model.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Price levels and top of book rebuilt from a {@link LevelFeed}, with the same sequence checks as
 * {@link BookBuilder}: a duplicate is ignored, a gap is reported (lenient: the levels wait for the next
 * level snapshot; strict: {@link FeedGapException}). A level or top of book of one symbol more than
 * {@link #maxSymbols(int)} allows (by default {@link io.cift.core.book.MatchingEngineConfig#DEFAULT_MAX_SYMBOLS},
 * as for {@link BookBuilder}) is treated as a gap too, so that a feed naming endless symbols cannot exhaust the
 * heap. Not thread-safe.
 */
public final class LevelBook {

    private final boolean strict;
    private BookBuilder.GapListener gaps = (first, last, reason) -> { };
    private final io.cift.core.feed.internal.SequenceCheck sequence;
    private Map<String, Sides> books = new HashMap<>();
    private Map<String, Sides> incoming;
    private long incomingExpected;
    private long incomingSeen;
    private final Map<String, LevelMessage.TopOfBook> tops = new HashMap<>();
    private boolean inSync = true;
    private int maxSymbols = io.cift.core.book.MatchingEngineConfig.DEFAULT_MAX_SYMBOLS;

    /** One symbol's levels. */
    private static final class Sides {
        final TreeMap<Long, PriceLevel> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<Long, PriceLevel> asks = new TreeMap<>();

        TreeMap<Long, PriceLevel> side(Side s) {
            return s == Side.BUY ? bids : asks;
        }
    }

    /**
     * Creates a level book.
     *
     * @param strict whether a gap is an error rather than healed by the next level snapshot
     */
    public LevelBook(boolean strict) {
        this.strict = strict;
        this.sequence = new io.cift.core.feed.internal.SequenceCheck(strict, "level messages", (first, last, reason) -> {
            inSync = false;
            incoming = null;
            tops.clear();   // until the snapshot's tops come
            if (!this.strict) {
                gaps.onGap(first, last, reason);
            }
        });
    }

    /**
     * Says where gaps are reported (lenient mode).
     *
     * @param listener the listener
     * @return this level book
     */
    public LevelBook onGap(BookBuilder.GapListener listener) {
        this.gaps = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Says how many symbols the levels may hold: a level update or top of book of one symbol more is treated as a
     * gap (in strict mode an error). Set it to the publishing engine's bound before the first message.
     *
     * @param max at least 1
     * @return this level book
     * @throws IllegalStateException once a message has been applied
     */
    public LevelBook maxSymbols(int max) {
        this.maxSymbols = sequence.checkMaxSymbols(max, incoming != null);
        return this;
    }

    /**
     * Applies one level message.
     *
     * @param m the message
     * @throws FeedGapException in strict mode, at a gap
     */
    public void accept(LevelMessage m) {
        long s = m.seq();
        if (!sequence.admit(s)) {
            return;
        }
        if (m instanceof LevelMessage.SnapshotStart start) {
            incoming = new HashMap<>();
            incomingExpected = start.levels();
            incomingSeen = 0;
        } else if (m instanceof LevelMessage.SnapshotEnd) {
            if (incoming == null) {
                if (inSync) {   // out of sync, the gap that lost the start (or ended the snapshot) was reported
                    gap(s, s, "level snapshot end " + s + " without its start");
                }
            } else if (incomingSeen != incomingExpected) {
                incoming = null;
                gap(s, s, "level snapshot ended with " + incomingSeen + " levels of " + incomingExpected);
            } else {
                books = incoming;
                incoming = null;
                inSync = true;
            }
        } else if (m instanceof LevelMessage.LevelUpdate u) {
            if (incoming != null) {
                if (put(incoming, u, s)) {
                    incomingSeen++;
                }
            } else if (inSync) {
                put(books, u, s);
            }
        } else if (m instanceof LevelMessage.TopOfBook t && inSync && incoming == null) {
            if (tops.containsKey(t.symbol()) || admitsNew(tops, t.symbol(), s)) {
                tops.put(t.symbol(), t);
            }
        }
    }

    /** Applies a level update; false (after reporting a gap) when its symbol is one more than the bound. */
    private boolean put(Map<String, Sides> into, LevelMessage.LevelUpdate u, long seq) {
        Sides sides = into.get(u.symbol());
        if (sides == null) {
            if (u.orders() == 0) {
                return true;   // nothing to remove
            }
            if (!admitsNew(into, u.symbol(), seq)) {
                return false;
            }
            sides = new Sides();
            into.put(u.symbol(), sides);
        }
        TreeMap<Long, PriceLevel> side = sides.side(u.side());
        if (u.orders() == 0) {
            side.remove(u.price());
        } else {
            side.put(u.price(), new PriceLevel(u.side(), u.price(), u.quantity(), u.orders()));
        }
        return true;
    }

    /** @return whether a map keyed by symbol may take a new symbol; reports a gap when it may not */
    private boolean admitsNew(Map<String, ?> bySymbol, String symbol, long seq) {
        if (bySymbol.size() < maxSymbols) {
            return true;
        }
        gap(seq, seq, "symbol " + symbol + " at " + seq + " would be one more than the " + maxSymbols
                + " symbols this level book takes");
        return false;
    }

    private void gap(long first, long last, String reason) {
        sequence.gap(first, last, reason);
    }

    /** @return whether the levels follow the feed (false from a gap until the next complete level snapshot) */
    public boolean inSync() {
        return inSync;
    }

    /** @return gaps found */
    public long gaps() {
        return sequence.gaps();
    }

    /** @return messages ignored because they were older than the last one applied */
    public long duplicates() {
        return sequence.duplicates();
    }

    /**
     * Price levels of one side, best first.
     *
     * @param symbol the symbol
     * @param side the side
     * @param maxLevels how many at most
     * @return the levels
     */
    public List<PriceLevel> depth(String symbol, Side side, int maxLevels) {
        List<PriceLevel> out = new ArrayList<>();
        Sides s = books.get(symbol);
        if (s != null) {
            for (PriceLevel l : s.side(side).values()) {
                if (out.size() == maxLevels) {
                    break;
                }
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The last top of book of a symbol.
     *
     * @param symbol the symbol
     * @return it, if one was received while in sync
     */
    public Optional<LevelMessage.TopOfBook> top(String symbol) {
        return Optional.ofNullable(tops.get(symbol));
    }
}
