package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A deliberately naive price-time matcher: one list of orders, sorted on every look. Written from
 * the rules in {@link OrderBook}'s javadoc, not from the real implementation; fill-or-kill is decided
 * by trying the match on a copy of the book.
 */
final class ReferenceBook {

    static final class O {
        long id;
        long owner;
        long price;
        long open;
        long filled;
        Side side;
        boolean postOnly;
        long time;

        O copy() {
            O c = new O();
            c.id = id; c.owner = owner; c.price = price; c.open = open; c.filled = filled;
            c.side = side; c.postOnly = postOnly; c.time = time;
            return c;
        }
    }

    private final String symbol;
    private final SelfTradePrevention stp;
    private List<O> orders = new ArrayList<>();
    private long clock;
    private List<Event> events = new ArrayList<>();

    ReferenceBook(String symbol, SelfTradePrevention stp) {
        this.symbol = symbol;
        this.stp = stp;
    }

    List<Event> drain() {
        List<Event> out = events;
        events = new ArrayList<>();
        return out;
    }

    private O find(long id) {
        for (O o : orders) {
            if (o.id == id) {
                return o;
            }
        }
        return null;
    }

    /** The best resting order of a side in priority order, or null. */
    private O best(Side side) {
        Comparator<O> byPrice = side == Side.BUY
                ? Comparator.comparingLong((O o) -> -o.price) : Comparator.comparingLong((O o) -> o.price);
        return orders.stream().filter(o -> o.side == side).min(byPrice.thenComparingLong(o -> o.time)).orElse(null);
    }

    private static boolean crosses(Side taker, long limit, long makerPrice) {
        return taker == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private ResultCode reject(long id, CommandType c, ResultCode r) {
        events.add(new Event.Rejected(symbol, id, c, r));
        return r;
    }

    ResultCode submit(long id, long owner, Side side, OrderType type, TimeInForce tif, long price, long qty, boolean postOnly) {
        boolean market = type == OrderType.MARKET;
        if (qty <= 0) {
            return reject(id, CommandType.NEW, ResultCode.INVALID_QUANTITY);
        }
        if (!market && price <= 0) {
            return reject(id, CommandType.NEW, ResultCode.INVALID_PRICE);
        }
        if (postOnly && (market || tif != TimeInForce.GTC)) {
            return reject(id, CommandType.NEW, ResultCode.INVALID_POST_ONLY);
        }
        if (find(id) != null) {
            return reject(id, CommandType.NEW, ResultCode.DUPLICATE_ORDER_ID);
        }
        long limit = market ? (side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE) : price;
        O opp = best(side.opposite());
        if (postOnly && opp != null && crosses(side, limit, opp.price)) {
            return reject(id, CommandType.NEW, ResultCode.POST_ONLY_WOULD_TAKE);
        }
        events.add(new Event.Accepted(symbol, id, owner, side, type, tif, market ? 0 : price, qty));
        if (tif == TimeInForce.FOK && !wouldFillByTradesAlone(id, owner, side, limit, qty)) {
            events.add(new Event.Cancelled(symbol, id, qty, 0, CancelReason.FOK_UNFILLED));
            return ResultCode.ACCEPTED;
        }
        long[] traded = new long[1];
        long rem = match(id, owner, side, limit, qty, traded);
        if (rem > 0) {
            if (market) {
                events.add(new Event.Cancelled(symbol, id, rem, 0, CancelReason.MARKET_REMAINDER));
            } else if (tif == TimeInForce.GTC) {
                O o = new O();
                o.id = id; o.owner = owner; o.price = price; o.open = rem; o.filled = traded[0];
                o.side = side; o.postOnly = postOnly; o.time = ++clock;
                orders.add(o);
            } else {
                events.add(new Event.Cancelled(symbol, id, rem, 0, CancelReason.IOC_REMAINDER));
            }
        }
        return ResultCode.ACCEPTED;
    }

    /** Runs the match on a copy of the book and checks it traded the whole quantity. */
    private boolean wouldFillByTradesAlone(long id, long owner, Side side, long limit, long qty) {
        List<O> saved = orders;
        List<Event> savedEvents = events;
        List<O> copy = new ArrayList<>();
        for (O o : orders) {
            copy.add(o.copy());
        }
        orders = copy;
        events = new ArrayList<>();
        long[] traded = new long[1];
        match(id, owner, side, limit, qty, traded);
        orders = saved;
        events = savedEvents;
        return traded[0] == qty;
    }

    private long match(long id, long owner, Side side, long limit, long qty, long[] traded) {
        long rem = qty;
        while (rem > 0) {
            O m = best(side.opposite());
            if (m == null || !crosses(side, limit, m.price)) {
                break;
            }
            if (stp != SelfTradePrevention.NONE && m.owner == owner) {
                switch (stp) {
                    case CANCEL_RESTING -> {
                        orders.remove(m);
                        events.add(new Event.Cancelled(symbol, m.id, m.open, 0, CancelReason.STP_RESTING));
                        continue;
                    }
                    case CANCEL_INCOMING -> {
                        events.add(new Event.Cancelled(symbol, id, rem, 0, CancelReason.STP_INCOMING));
                        return 0;
                    }
                    case CANCEL_BOTH -> {
                        orders.remove(m);
                        events.add(new Event.Cancelled(symbol, m.id, m.open, 0, CancelReason.STP_RESTING));
                        events.add(new Event.Cancelled(symbol, id, rem, 0, CancelReason.STP_INCOMING));
                        return 0;
                    }
                    case DECREMENT -> {
                        long d = Math.min(rem, m.open);
                        m.open -= d;
                        rem -= d;
                        if (m.open == 0) {
                            orders.remove(m);
                        }
                        events.add(new Event.Cancelled(symbol, m.id, d, m.open, CancelReason.STP_RESTING));
                        events.add(new Event.Cancelled(symbol, id, d, rem, CancelReason.STP_INCOMING));
                        if (rem == 0) {
                            return 0;
                        }
                        continue;
                    }
                    default -> throw new AssertionError(stp);
                }
            }
            long q = Math.min(rem, m.open);
            rem -= q;
            m.open -= q;
            m.filled += q;
            traded[0] += q;
            if (m.open == 0) {
                orders.remove(m);
            }
            events.add(new Event.Trade(symbol, id, owner, m.id, m.owner, side, m.price, q, rem, m.open));
        }
        return rem;
    }

    ResultCode cancel(long id) {
        O o = find(id);
        if (o == null) {
            return reject(id, CommandType.CANCEL, ResultCode.UNKNOWN_ORDER_ID);
        }
        orders.remove(o);
        events.add(new Event.Cancelled(symbol, id, o.open, 0, CancelReason.USER));
        return ResultCode.ACCEPTED;
    }

    ResultCode amend(long id, long price, long qty) {
        O o = find(id);
        if (o == null) {
            return reject(id, CommandType.AMEND, ResultCode.UNKNOWN_ORDER_ID);
        }
        if (qty <= 0) {
            return reject(id, CommandType.AMEND, ResultCode.INVALID_QUANTITY);
        }
        if (price <= 0) {
            return reject(id, CommandType.AMEND, ResultCode.INVALID_PRICE);
        }
        if (price == o.price && qty <= o.open) {
            o.open = qty;
            events.add(new Event.Amended(symbol, id, price, qty, true));
            return ResultCode.ACCEPTED;
        }
        O opp = best(o.side.opposite());
        boolean crosses = opp != null && crosses(o.side, price, opp.price);
        if (crosses && o.postOnly) {
            return reject(id, CommandType.AMEND, ResultCode.POST_ONLY_WOULD_TAKE);
        }
        orders.remove(o);
        events.add(new Event.Amended(symbol, id, price, qty, false));
        long[] traded = new long[1];
        long rem = match(id, o.owner, o.side, price, qty, traded);
        if (rem > 0) {
            o.price = price;
            o.open = rem;
            o.filled += traded[0];
            o.time = ++clock;
            orders.add(o);
        }
        return ResultCode.ACCEPTED;
    }

    /** Aggregated levels, best first. */
    List<PriceLevel> depth(Side side) {
        Comparator<Long> cmp = side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder();
        TreeMap<Long, long[]> agg = new TreeMap<>(cmp);
        for (O o : orders) {
            if (o.side == side) {
                long[] a = agg.computeIfAbsent(o.price, p -> new long[2]);
                a[0] += o.open;
                a[1]++;
            }
        }
        List<PriceLevel> out = new ArrayList<>();
        agg.forEach((p, a) -> out.add(new PriceLevel(side, p, a[0], (int) a[1])));
        return out;
    }

    /** Every resting order as a view, in priority order within each level. */
    List<OrderView> views(Side side, long price) {
        return orders.stream().filter(o -> o.side == side && o.price == price)
                .sorted(Comparator.comparingLong(o -> o.time))
                .map(o -> new OrderView(o.id, o.owner, o.side, o.price, o.open, o.filled, o.postOnly))
                .toList();
    }

    /** The id of the i-th live order (in no particular order). */
    long liveId(int i) {
        return orders.get(i).id;
    }

    List<Long> liveIds() {
        return orders.stream().map(o -> o.id).toList();
    }

    int size() {
        return orders.size();
    }
}
