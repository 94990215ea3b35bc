package io.cift.core.feed;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.book.internal.L3Book;
import io.cift.core.journal.EngineEvent;
import io.cift.core.journal.EngineEventHandler;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns an engine's events into its order feed ({@link FeedMessage}s, numbered from 1 without gaps) and
 * hands each message to a sink. It keeps its own copy of the resting orders, so that it knows where an
 * order joins its level and can write snapshots. An incoming order is added to the feed only once its
 * command is over and it rests: the makers it traded with are executed first, and an order that traded
 * in full never appears. A snapshot of every live order follows every {@code snapshotEvery} commands
 * (0: only on {@link #snapshot()}).
 *
 * <p>For a {@code DurableEngine}, register {@link #handler()} as a consumer of every event kind: the feed
 * is then made on that consumer's thread, never the matching thread. For a plain engine, use it as the
 * engine's listener and call {@link #endCommand()} after each command. Not thread-safe: one thread feeds
 * it (only {@link #requestSnapshot()} may be called from others).
 */
public final class OrderFeed implements OrderBookListener {

    /** The least time between two snapshots sent on request, unless set otherwise. */
    public static final java.time.Duration DEFAULT_MIN_REQUEST_INTERVAL = java.time.Duration.ofSeconds(1);

    private final Consumer<FeedMessage> sink;
    private final long snapshotEvery;
    private final L3Book book = new L3Book();
    private long seq;
    private long commands;
    private long trades;
    // the incoming order of the current command, until it is over
    private boolean pending;
    private String takerSymbol;
    private long takerId;
    private Side takerSide;
    private long takerPrice;
    private long takerRemaining;
    private boolean takerCanRest;
    /** The incoming order is a resting order amended off its place (it was taken out of {@link #book}). */
    private boolean takerAmended;
    // the durable engine's command being read by the handler (0: none)
    private long handlerCommand;
    /** Set by any thread; the feed's thread sends a snapshot at the next command boundary. */
    private volatile boolean snapshotRequested;
    private long minRequestIntervalNanos = DEFAULT_MIN_REQUEST_INTERVAL.toNanos();
    private boolean servedRequest;
    private long lastServedRequestAt;

    /**
     * Creates a feed.
     *
     * @param sink where each message goes, in order
     * @param snapshotEvery commands between snapshots, or 0 for snapshots on request only
     * @throws IllegalArgumentException when {@code snapshotEvery} is negative
     */
    public OrderFeed(Consumer<FeedMessage> sink, long snapshotEvery) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("snapshotEvery must not be negative, got " + snapshotEvery);
        }
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Sets the least time between two snapshots sent on request (default
     * {@link #DEFAULT_MIN_REQUEST_INTERVAL}): a request that comes sooner after the last one served waits for
     * it (requests are never lost, and every consumer gets the one snapshot), so that consumers asking in a
     * loop cannot make the feed send the whole book at every command. Periodic snapshots are not affected.
     * Call it before the feed starts.
     *
     * @param interval zero or more
     * @return this feed
     */
    public OrderFeed minRequestInterval(java.time.Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("minRequestInterval must not be negative, got " + interval);
        }
        this.minRequestIntervalNanos = interval.toNanos();
        return this;
    }

    /**
     * The sequence number of the last message sent.
     *
     * @return it, 0 before the first
     */
    public long lastSequence() {
        return seq;
    }

    /**
     * A handler for a durable engine's consumer (register it for every event kind): it makes the feed from
     * the events, ending each command when the next one's events begin or the batch ends (an engine hands
     * over a command's events together).
     *
     * @return the handler
     */
    public EngineEventHandler handler() {
        return this::onEvent;
    }

    private void onEvent(EngineEvent e, boolean endOfBatch) {
        if (handlerCommand != 0 && e.commandSequence() != handlerCommand) {
            endCommand();
        }
        handlerCommand = e.commandSequence();
        switch (e.kind()) {
            case ACCEPTED -> onAccepted(e.symbol(), e.orderId(), e.ownerId(), e.side(), e.orderType(), e.timeInForce(),
                    e.price(), e.quantity());
            case TRADE -> trade(e.symbol(), e.orderId(), e.makerOrderId(), e.price(), e.quantity(), e.remainingQuantity(),
                    e.tradeSequence());
            case CANCELLED -> onCancelled(e.symbol(), e.orderId(), e.quantity(), e.remainingQuantity(), e.cancelReason());
            case AMENDED -> onAmended(e.symbol(), e.orderId(), e.price(), e.quantity(), e.priorityKept());
            default -> {
                // a refusal changes no book
            }
        }
        if (endOfBatch) {
            endCommand();
            handlerCommand = 0;
        }
    }

    /**
     * Ends the command the {@link #handler()} is reading, if any: for events that came without an end of
     * batch (a durable engine's recovery hands them over that way), once no more will come.
     */
    public void endOfInput() {
        if (handlerCommand != 0) {
            endCommand();
            handlerCommand = 0;
        }
    }

    private long next() {
        return ++seq;
    }

    @Override
    public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                           long price, long quantity) {
        settleTaker();
        startTaker(symbol, orderId, side, price, quantity, type == OrderType.LIMIT && tif == TimeInForce.GTC, false);
    }

    /** The command's incoming order, until {@link #settleTaker()} decides whether it rests. */
    private void startTaker(String symbol, long orderId, Side side, long price, long quantity, boolean canRest,
                            boolean amended) {
        pending = true;
        takerSymbol = symbol;
        takerId = orderId;
        takerSide = side;
        takerPrice = price;
        takerRemaining = quantity;
        takerCanRest = canRest;
        takerAmended = amended;
    }

    @Override
    public void onRejected(String symbol, long orderId, CommandType command, ResultCode reason) {
        // nothing rests or leaves
    }

    @Override
    public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                        Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
        trade(symbol, takerOrderId, makerOrderId, price, quantity, takerRemaining, ++trades);
    }

    private void trade(String symbol, long takerOrderId, long makerOrderId, long price, long quantity, long takerLeft,
                       long tradeId) {
        trades = tradeId;
        book.reduce(symbol, makerOrderId, quantity);
        sink.accept(new FeedMessage.OrderExecuted(next(), symbol, makerOrderId, quantity, price, tradeId));
        if (pending && takerOrderId == takerId && symbol.equals(takerSymbol)) {
            takerRemaining = takerLeft;
        }
    }

    @Override
    public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                            CancelReason reason) {
        if (pending && orderId == takerId && symbol.equals(takerSymbol)) {
            takerRemaining = remainingQuantity;
            return;
        }
        if (remainingQuantity == 0) {
            book.delete(symbol, orderId);
            sink.accept(new FeedMessage.OrderDeleted(next(), symbol, orderId));
        } else {
            book.reduce(symbol, orderId, cancelledQuantity);
            sink.accept(new FeedMessage.OrderReduced(next(), symbol, orderId, cancelledQuantity));
        }
    }

    @Override
    public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
        if (priorityKept) {
            book.replace(symbol, orderId, newPrice, newQuantity, true);
            sink.accept(new FeedMessage.OrderReplaced(next(), symbol, orderId, newPrice, newQuantity, true));
            return;
        }
        // off its place: it may trade as an incoming order before it rests again (or not at all)
        settleTaker();
        Side side = book.side(symbol, orderId);
        book.delete(symbol, orderId);
        startTaker(symbol, orderId, side, newPrice, newQuantity, true, true);
    }

    /** The incoming order's command is over: it rests with what is left, or (an amended order) leaves. */
    private void settleTaker() {
        if (!pending) {
            return;
        }
        pending = false;
        boolean rests = takerCanRest && takerRemaining > 0;
        if (takerAmended) {
            if (rests) {
                book.add(takerSymbol, takerId, takerSide, takerPrice, takerRemaining);
                sink.accept(new FeedMessage.OrderReplaced(next(), takerSymbol, takerId, takerPrice, takerRemaining, false));
            } else {
                sink.accept(new FeedMessage.OrderDeleted(next(), takerSymbol, takerId));
            }
        } else if (rests) {
            int position = book.add(takerSymbol, takerId, takerSide, takerPrice, takerRemaining);
            sink.accept(new FeedMessage.OrderAdded(next(), takerSymbol, takerId, takerSide, takerPrice, takerRemaining,
                    position));
        }
    }

    /**
     * The current command is over (a plain engine's caller says so after each command): its incoming
     * order rests or not, and a snapshot follows when one is due.
     */
    public void endCommand() {
        settleTaker();
        commands++;
        if (snapshotEvery > 0 && commands % snapshotEvery == 0 || snapshotRequested && requestMayBeServed()) {
            snapshot();
        }
    }

    private boolean requestMayBeServed() {
        long now = System.nanoTime();
        if (servedRequest && now - lastServedRequestAt < minRequestIntervalNanos) {
            return false;
        }
        servedRequest = true;
        lastServedRequestAt = now;
        return true;
    }

    /**
     * Asks for a snapshot at the next command boundary (a consumer that lost messages asked for one), or, within
     * {@link #minRequestInterval} of the last one sent on request, at the first boundary after it.
     * Thread-safe: the only method another thread may call.
     */
    public void requestSnapshot() {
        snapshotRequested = true;
    }

    /** Sends a snapshot of every live order now (between commands). */
    public void snapshot() {
        snapshotRequested = false;
        settleTaker();
        sink.accept(new FeedMessage.SnapshotStart(next(), book.size()));
        book.forEach(o -> sink.accept(new FeedMessage.SnapshotOrder(next(), o.symbol(), o.orderId(), o.side(), o.price(),
                o.openQuantity())));
        sink.accept(new FeedMessage.SnapshotEnd(next()));
    }
}
