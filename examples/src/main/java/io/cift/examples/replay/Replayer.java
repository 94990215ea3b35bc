package io.cift.examples.replay;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.model.Side;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Streams an order CSV ({@link OrderCsvReader}) through a {@link MatchingEngine} and writes every trade
 * in the order it happened ({@link TradeCsvWriter}). All orders have owner 0 and self-trade prevention
 * is off. Memory does not grow with the length of the file, only with the number of live orders.
 */
public final class Replayer {

    private final long initialCapacity;

    /**
     * Creates a replayer.
     *
     * @param initialOrderCapacity orders each book preallocates
     */
    public Replayer(int initialOrderCapacity) {
        this.initialCapacity = initialOrderCapacity;
    }

    /**
     * Replays {@code orders}, writing trades to {@code trades} (or nowhere when null).
     *
     * @param orders the order CSV
     * @param trades where the trades CSV goes, or null
     * @return what happened
     * @throws IOException when reading or writing fails
     * @throws MalformedInputException at the first line that cannot be read
     */
    public ReplaySummary replay(InputStream orders, OutputStream trades) throws IOException {
        return replay(orders, trades, null);
    }

    /**
     * Replays {@code orders}, writing trades to {@code trades} (or nowhere when null) and making the order feed
     * (when {@code feed} is given: it ends each command). The feed is made on the replaying thread, like the
     * trades file: this is a batch tool, not a live engine.
     *
     * @param orders the order CSV
     * @param trades where the trades CSV goes, or null
     * @param feed the order feed to make, or null
     * @return what happened
     * @throws IOException when reading or writing fails
     * @throws MalformedInputException at the first line that cannot be read
     */
    public ReplaySummary replay(InputStream orders, OutputStream trades, io.cift.core.feed.OrderFeed feed)
            throws IOException {
        long t0 = System.nanoTime();
        TradeCsvWriter writer = trades == null ? null : new TradeCsvWriter(trades);
        long[] tradeStats = new long[2];
        OrderBookListener listener = new OrderBookListener() {
            @Override
            public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                                Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
                tradeStats[0]++;
                long v = tradeStats[1] + quantity;
                tradeStats[1] = v < 0 ? Long.MAX_VALUE : v;   // saturates: the summary never shows a wrapped volume
                if (writer != null) {
                    try {
                        writer.write(symbol, takerOrderId, makerOrderId, price, quantity);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        Throwable[] failure = new Throwable[1];
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder()
                .initialOrderCapacity((int) initialCapacity)
                .maxSymbols(Integer.MAX_VALUE)   // the user's own file: every symbol in it gets a book
                .listener(feed == null ? listener : OrderBookListener.both(listener, feed))
                .listenerFailureHandler((callback, symbol, orderId, error, failures) -> {
                    if (failure[0] == null) {
                        failure[0] = error;   // a file that cannot be written: stop at the next command
                    }
                }).build());
        long commands = 0;
        long rejects = 0;
        try (OrderCsvReader r = new OrderCsvReader(orders)) {
            while (r.next()) {
                commands++;
                ResultCode rc = switch (r.action) {
                    case NEW -> engine.submit(r.symbol, r.orderId, 0, r.side, r.type, r.tif, r.price, r.qty, false);
                    case CANCEL -> engine.cancel(r.symbol, r.orderId);
                    case AMEND -> engine.amend(r.symbol, r.orderId, r.price, r.qty);
                };
                if (rc != ResultCode.ACCEPTED) {
                    rejects++;
                }
                if (feed != null) {
                    feed.endCommand();
                }
                if (failure[0] != null) {
                    break;
                }
            }
            if (failure[0] instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (failure[0] != null) {
                throw new IllegalStateException("writing the output failed at command " + commands + ": " + failure[0],
                        failure[0]);
            }
            if (writer != null) {
                writer.flush();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ReplaySummary(commands, tradeStats[0], rejects, tradeStats[1], System.nanoTime() - t0);
    }
}
