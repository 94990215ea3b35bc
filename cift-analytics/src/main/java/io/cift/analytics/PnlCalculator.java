package io.cift.analytics;

import io.cift.core.model.Side;

import io.cift.analytics.internal.Decimals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * P&amp;L breakdown by symbol from trades, FIFO or average cost.
 *
 * <p>Trades are applied in trade id order. Positions are signed (short &lt; 0). A closing leg of m units
 * realizes m (exit - entry) for a long and m (entry - exit) for a short; a trade larger than the open
 * position closes it and opens the remainder on the other side at the trade price (one trade, one fee).
 * Fees are not part of the cost basis: realized_pnl = realized_pnl_gross - fees. FIFO closes the oldest
 * lots first; average cost keeps one running entry price, unchanged by closes, reset when flat, set to
 * the trade price when a flip opens the remainder. unrealized = sum over open lots of quantity
 * (mark - lot price) (average cost: net quantity (mark - average cost)). Money is exact BigDecimal;
 * average prices are divided to 34 significant digits. Stateless and thread-safe.
 */
public final class PnlCalculator {

    /** Precision of average-price divisions. */
    public static final MathContext DIVISION = MathContext.DECIMAL128;

    private PnlCalculator() {
    }

    /**
     * Checks a batch of trades: every field present, quantity and price positive, trade ids unique per user.
     *
     * @param trades the batch
     * @throws InvalidDataException naming the first bad row
     */
    public static void validate(List<Trade> trades) {
        int n = trades.size();
        long[] ids = new long[n];
        boolean ascending = true;
        for (int i = 0; i < n; i++) {
            Trade t = trades.get(i);
            int row = i + 1;
            if (t == null) {
                throw new InvalidDataException(row, "missing trade");
            }
            require(row, t.user() != null && !t.user().isEmpty(), "missing user");
            require(row, t.timestamp() != null, "missing timestamp");
            require(row, t.symbol() != null && !t.symbol().isBlank(), "missing symbol");
            require(row, t.side() != null, "missing or unknown side");
            require(row, t.quantity() != null, "missing quantity");
            require(row, t.price() != null, "missing price");
            require(row, t.fee() != null, "missing fee");
            require(row, t.quantity().signum() > 0, "quantity must be positive, got " + Decimals.text(t.quantity()));
            require(row, t.price().signum() > 0, "price must be positive, got " + Decimals.text(t.price()));
            Decimals.check(row, "quantity", t.quantity());
            Decimals.check(row, "price", t.price());
            Decimals.check(row, "fee", t.fee());
            ids[i] = t.tradeId();
            ascending &= i == 0 || ids[i - 1] < ids[i];
        }
        if (!ascending) {
            // ids are unique per user: only an id that occurs twice can be a duplicate, so sort the primitive ids
            // and look at the users of the repeated ones alone
            long[] sorted = ids.clone();
            Arrays.sort(sorted);
            java.util.Set<Long> repeated = new java.util.HashSet<>();
            for (int i = 1; i < n; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    repeated.add(sorted[i]);
                }
            }
            if (!repeated.isEmpty()) {
                Map<String, Integer> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    if (repeated.contains(ids[i])) {
                        Integer prev = seen.putIfAbsent(trades.get(i).user() + '\u0000' + ids[i], i + 1);
                        if (prev != null) {
                            throw new InvalidDataException(i + 1, "duplicate trade id " + ids[i] + " (also row " + prev + ")");
                        }
                    }
                }
            }
        }
    }

    private static void require(int row, boolean ok, String reason) {
        if (!ok) {
            throw new InvalidDataException(row, reason);
        }
    }

    /**
     * Computes the breakdown.
     *
     * @param trades the trades, in any order (applied by trade id)
     * @param marks mark price by symbol; every symbol with an open position needs one
     * @param method FIFO or average cost
     * @param backend the backend name to put in the report
     * @return the report
     * @throws InvalidDataException for a bad trade, or an open position without a mark
     */
    public static PnlReport compute(List<Trade> trades, Map<String, BigDecimal> marks, PnlMethod method, String backend) {
        Objects.requireNonNull(marks, "marks");
        Objects.requireNonNull(method, "method");
        validate(trades);
        List<Trade> sorted = trades;
        for (int i = 1; i < trades.size(); i++) {
            if (trades.get(i - 1).tradeId() > trades.get(i).tradeId()) {
                sorted = new ArrayList<>(trades);
                sorted.sort(Comparator.comparingLong(Trade::tradeId));
                break;
            }
        }
        Map<String, Book> books = new HashMap<>();
        for (Trade t : sorted) {
            Book b = books.get(t.symbol());
            if (b == null) {
                b = method == PnlMethod.FIFO ? new FifoBook() : new AverageBook();
                books.put(t.symbol(), b);
            }
            b.apply(t);
        }
        Map<String, SymbolPnl> out = new TreeMap<>();
        for (Map.Entry<String, Book> e : books.entrySet()) {
            out.put(e.getKey(), e.getValue().result(e.getKey(), marks.get(e.getKey())));
        }
        Totals totals = new Totals();
        out.values().forEach(totals::add);
        return new PnlReport(backend, method, Collections.unmodifiableMap(out), totals.result());
    }

    /** Per-symbol state shared by both methods. */
    private abstract static class Book {
        long trades;
        long buys;
        long sells;
        BigDecimal buyQty = BigDecimal.ZERO;
        BigDecimal sellQty = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        long closing;
        long flips;

        final void apply(Trade t) {
            boolean buy = t.side() == Side.BUY;
            BigDecimal q = t.quantity();
            BigDecimal p = t.price();
            trades++;
            if (buy) {
                buys++;
                buyQty = buyQty.add(q);
            } else {
                sells++;
                sellQty = sellQty.add(q);
            }
            notional = notional.add(q.multiply(p));
            fees = fees.add(t.fee());
            int pos = net.signum();
            if (pos == 0 || (pos > 0) == buy) {
                open(q, p, buy);
            } else {
                closing++;
                BigDecimal absPos = net.abs();
                BigDecimal closed = q.min(absPos);
                realized = realized.add(close(closed, p, pos > 0));
                BigDecimal rest = q.subtract(closed);
                net = buy ? net.add(closed) : net.subtract(closed);
                if (rest.signum() > 0) {
                    flips++;
                    open(rest, p, buy);
                }
            }
        }

        /** Opens (or adds to) a position; must also move {@link #net}. */
        abstract void open(BigDecimal q, BigDecimal p, boolean buy);

        /** Closes q of the position (long when {@code wasLong}) at p; returns the realized P&amp;L. */
        abstract BigDecimal close(BigDecimal q, BigDecimal p, boolean wasLong);

        /** Sum over open lots of signed quantity x (mark - price). */
        abstract BigDecimal unrealized(BigDecimal mark);

        /** Average entry price of the open position (null when flat). */
        abstract BigDecimal averageCost();

        final SymbolPnl result(String symbol, BigDecimal mark) {
            boolean flat = net.signum() == 0;
            if (mark == null && !flat) {
                throw new InvalidDataException("no mark price for " + symbol + ", which has an open position of "
                        + net.toPlainString());
            }
            BigDecimal unreal = flat ? BigDecimal.ZERO : unrealized(mark);
            BigDecimal realizedNet = realized.subtract(fees);
            BigDecimal mv = flat ? BigDecimal.ZERO : net.multiply(mark);
            return new SymbolPnl(symbol, trades, buys, sells, buyQty, sellQty, notional, fees, realized, realizedNet,
                    unreal, realizedNet.add(unreal), net, flat ? null : averageCost(), mark, mv, closing, flips);
        }
    }

    private static final class FifoBook extends Book {
        /** Open lots, oldest first: {quantity (positive), price}. All lots share the sign of {@link #net}. */
        private final ArrayDeque<BigDecimal[]> lots = new ArrayDeque<>();

        @Override
        void open(BigDecimal q, BigDecimal p, boolean buy) {
            lots.addLast(new BigDecimal[]{q, p});
            net = buy ? net.add(q) : net.subtract(q);
        }

        @Override
        BigDecimal close(BigDecimal q, BigDecimal p, boolean wasLong) {
            BigDecimal pnl = BigDecimal.ZERO;
            BigDecimal left = q;
            while (left.signum() > 0) {
                BigDecimal[] lot = lots.peekFirst();
                BigDecimal m = left.min(lot[0]);
                BigDecimal diff = wasLong ? p.subtract(lot[1]) : lot[1].subtract(p);
                pnl = pnl.add(m.multiply(diff));
                lot[0] = lot[0].subtract(m);
                left = left.subtract(m);
                if (lot[0].signum() == 0) {
                    lots.pollFirst();
                }
            }
            return pnl;
        }

        @Override
        BigDecimal unrealized(BigDecimal mark) {
            BigDecimal u = BigDecimal.ZERO;
            for (BigDecimal[] lot : lots) {
                u = u.add(lot[0].multiply(mark.subtract(lot[1])));
            }
            return net.signum() < 0 ? u.negate() : u;
        }

        @Override
        BigDecimal averageCost() {
            BigDecimal qty = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            for (BigDecimal[] lot : lots) {
                qty = qty.add(lot[0]);
                cost = cost.add(lot[0].multiply(lot[1]));
            }
            return cost.divide(qty, DIVISION);
        }
    }

    private static final class AverageBook extends Book {
        private BigDecimal avg;

        @Override
        void open(BigDecimal q, BigDecimal p, boolean buy) {
            BigDecimal abs = net.abs();
            avg = abs.signum() == 0 ? p : abs.multiply(avg).add(q.multiply(p)).divide(abs.add(q), DIVISION);
            net = buy ? net.add(q) : net.subtract(q);
        }

        @Override
        BigDecimal close(BigDecimal q, BigDecimal p, boolean wasLong) {
            BigDecimal pnl = q.multiply(wasLong ? p.subtract(avg) : avg.subtract(p));
            if (net.abs().compareTo(q) == 0) {
                avg = null;
            }
            return pnl;
        }

        @Override
        BigDecimal unrealized(BigDecimal mark) {
            return net.multiply(mark.subtract(avg));
        }

        @Override
        BigDecimal averageCost() {
            return avg;
        }
    }

    private static final class Totals {
        long trades;
        long buys;
        long sells;
        long closing;
        long flips;
        BigDecimal buyQty = BigDecimal.ZERO;
        BigDecimal sellQty = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal realizedGross = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal marketValue = BigDecimal.ZERO;

        void add(SymbolPnl p) {
            trades += p.tradeCount();
            buys += p.buyCount();
            sells += p.sellCount();
            closing += p.closingTrades();
            flips += p.flipTrades();
            buyQty = buyQty.add(p.buyQuantity());
            sellQty = sellQty.add(p.sellQuantity());
            notional = notional.add(p.grossTradedNotional());
            fees = fees.add(p.fees());
            realizedGross = realizedGross.add(p.realizedPnlGross());
            realized = realized.add(p.realizedPnl());
            unrealized = unrealized.add(p.unrealizedPnl());
            total = total.add(p.totalPnl());
            marketValue = marketValue.add(p.marketValue());
        }

        PnlTotals result() {
            return new PnlTotals(trades, buys, sells, buyQty, sellQty, notional, fees, realizedGross, realized,
                    unrealized, total, marketValue, closing, flips);
        }
    }
}
