package io.cift.examples.io;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderView;
import io.cift.core.book.PriceLevel;
import io.cift.core.feed.L3Order;
import io.cift.core.model.Side;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The L3 book file of {@code cift journal book} and {@code cift feed book}: header {@value #HEADER}, symbols
 * sorted, BUY before SELL, each side best price first, time priority within a price. Written whole or
 * not at all (a temporary file, then moved into place).
 */
public final class BookCsv {

    /** The header line. */
    public static final String HEADER = "symbol,side,price,order_id,open_qty";

    private BookCsv() {
    }

    /**
     * An engine's resting orders in the file's order.
     *
     * @param engine the engine
     * @return the orders
     */
    public static List<L3Order> orders(MatchingEngine engine) {
        List<L3Order> out = new ArrayList<>();
        for (String symbol : new TreeSet<>(engine.symbols())) {
            OrderBook book = engine.book(symbol).orElseThrow();
            for (Side side : new Side[] {Side.BUY, Side.SELL}) {
                for (PriceLevel l : book.depth(side, Integer.MAX_VALUE)) {
                    for (OrderView o : book.ordersAt(side, l.price())) {
                        out.add(new L3Order(symbol, side, o.price(), o.orderId(), o.openQuantity()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes the file.
     *
     * @param out the file
     * @param orders the orders, in the file's order
     * @throws IOException when writing fails (the file is then left as it was)
     */
    public static void write(Path out, Iterable<L3Order> orders) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                w.write(HEADER);
                w.write('\n');
                for (L3Order o : orders) {
                    w.write(OutputFiles.csvField(o.symbol()) + "," + o.side() + "," + o.price() + "," + o.orderId() + ","
                            + o.openQuantity() + "\n");
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
