package io.cift.core.feed;

import io.cift.core.book.PriceLevel;
import io.cift.core.book.internal.L3Book;
import io.cift.core.model.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Price levels (L2) and top of book derived from an order feed, as a sequenced stream of its own
 * ({@link LevelMessage}, numbered from 1 without gaps): a {@link LevelMessage.LevelUpdate} each time a
 * level's total or order count changes (quantity 0 when it empties), a {@link LevelMessage.TopOfBook} each
 * time a symbol's best bid or ask (price or quantity) changes, and after each of the order feed's
 * snapshots a level snapshot (every level, bracketed) followed by every symbol's top of book, for
 * consumers that lost messages. Feed it the order
 * feed in order and without gaps (the producer's own messages, or a {@link BookBuilder}'s that is in
 * sync). Not thread-safe.
 */
public final class LevelFeed implements Consumer<FeedMessage> {

    /** One message of a level feed. */
    public sealed interface LevelMessage {
        /** @return the message's sequence number in the level feed, from 1 */
        long seq();

        /**
         * A price level now holds {@code quantity} in {@code orders} orders (0 and 0: it is gone).
         *
         * @param seq the sequence number
         * @param symbol the instrument
         * @param side the side
         * @param price the level's price
         * @param quantity its total open quantity
         * @param orders its number of orders
         */
        record LevelUpdate(long seq, String symbol, Side side, long price, long quantity, int orders) implements LevelMessage {
        }

        /**
         * A symbol's best bid and ask now (price 0 and quantity 0 for an empty side).
         *
         * @param seq the sequence number
         * @param symbol the instrument
         * @param bidPrice the best bid
         * @param bidQuantity the quantity at it
         * @param askPrice the best ask
         * @param askQuantity the quantity at it
         */
        record TopOfBook(long seq, String symbol, long bidPrice, long bidQuantity, long askPrice, long askQuantity)
                implements LevelMessage {
        }

        /**
         * A level snapshot begins: {@code levels} updates follow, every level of every symbol (symbols sorted,
         * BUY before SELL, best first); a consumer that lost messages starts again from here.
         *
         * @param seq the sequence number
         * @param levels how many {@link LevelUpdate}s follow
         */
        record SnapshotStart(long seq, long levels) implements LevelMessage {
        }

        /**
         * A level snapshot ends.
         *
         * @param seq the sequence number
         */
        record SnapshotEnd(long seq) implements LevelMessage {
        }
    }

    private final Consumer<LevelMessage> sink;
    private L3Book book = new L3Book();
    private L3Book incoming;
    private final Map<String, long[]> tops = new HashMap<>();
    private long seq;

    /**
     * Creates a level feed.
     *
     * @param sink where each level message goes, in order
     */
    public LevelFeed(Consumer<LevelMessage> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** @return the sequence number of the last level message sent, 0 before the first */
    public long lastSequence() {
        return seq;
    }

    @Override
    public void accept(FeedMessage m) {
        if (m instanceof FeedMessage.SnapshotStart) {
            incoming = new L3Book();
        } else if (m instanceof FeedMessage.SnapshotOrder o) {
            incoming.add(o.symbol(), o.orderId(), o.side(), o.price(), o.quantity());
        } else if (m instanceof FeedMessage.SnapshotEnd) {
            book = incoming;
            incoming = null;
            snapshot();
        } else if (m instanceof FeedMessage.OrderAdded a) {
            book.add(a.symbol(), a.orderId(), a.side(), a.price(), a.quantity());
            changed(a.symbol(), a.side(), a.price());
        } else if (m instanceof FeedMessage.OrderExecuted x) {
            reduce(x.symbol(), x.orderId(), x.quantity());
        } else if (m instanceof FeedMessage.OrderReduced r) {
            reduce(r.symbol(), r.orderId(), r.quantity());
        } else if (m instanceof FeedMessage.OrderDeleted d) {
            Side side = book.side(d.symbol(), d.orderId());
            long price = book.price(d.symbol(), d.orderId());
            book.delete(d.symbol(), d.orderId());
            changed(d.symbol(), side, price);
        } else if (m instanceof FeedMessage.OrderReplaced r) {
            Side side = book.side(r.symbol(), r.orderId());
            long before = book.price(r.symbol(), r.orderId());
            book.replace(r.symbol(), r.orderId(), r.price(), r.quantity(), r.priorityKept());
            if (before != r.price()) {
                level(r.symbol(), side, before);
            }
            changed(r.symbol(), side, r.price());
        }
    }

    private void reduce(String symbol, long orderId, long quantity) {
        Side side = book.side(symbol, orderId);
        long price = book.price(symbol, orderId);
        book.reduce(symbol, orderId, quantity);
        changed(symbol, side, price);
    }

    private void changed(String symbol, Side side, long price) {
        level(symbol, side, price);
        top(symbol);
    }

    private void level(String symbol, Side side, long price) {
        sink.accept(new LevelMessage.LevelUpdate(++seq, symbol, side, price, book.levelQuantity(symbol, side, price),
                book.levelCount(symbol, side, price)));
    }

    private void top(String symbol) {
        long bp = book.bestPrice(symbol, Side.BUY);
        long bq = book.bestQuantity(symbol, Side.BUY);
        long ap = book.bestPrice(symbol, Side.SELL);
        long aq = book.bestQuantity(symbol, Side.SELL);
        long[] last = tops.get(symbol);
        if (last != null && last[0] == bp && last[1] == bq && last[2] == ap && last[3] == aq) {
            return;
        }
        tops.put(symbol, new long[] {bp, bq, ap, aq});
        sink.accept(new LevelMessage.TopOfBook(++seq, symbol, bp, bq, ap, aq));
    }

    private void snapshot() {
        List<PriceLevel> levels = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (String symbol : book.symbols()) {
            for (Side side : new Side[] {Side.BUY, Side.SELL}) {
                for (PriceLevel l : book.depth(symbol, side, Integer.MAX_VALUE)) {
                    levels.add(l);
                    symbols.add(symbol);
                }
            }
        }
        sink.accept(new LevelMessage.SnapshotStart(++seq, levels.size()));
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel l = levels.get(i);
            sink.accept(new LevelMessage.LevelUpdate(++seq, symbols.get(i), l.side(), l.price(), l.quantity(), l.orderCount()));
        }
        sink.accept(new LevelMessage.SnapshotEnd(++seq));
        // every symbol's top again, emptied ones included: a consumer that lost messages has none it can trust
        java.util.Set<String> all = new java.util.TreeSet<>(tops.keySet());
        all.addAll(book.symbols());
        tops.clear();
        for (String symbol : all) {
            top(symbol);
        }
    }
}
