package io.cift.core.risk.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.OrderBookListener;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.PositionView;
import io.cift.core.risk.PriceBand;
import io.cift.core.risk.QuoteSource;
import io.cift.core.risk.RiskCalculator;
import io.cift.core.risk.RiskReason;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RiskCalculator} over dense per-account arrays indexed by instrument, open orders in per-instrument
 * primitive maps, and a GCRA (virtual-scheduling token bucket) throttle. Single writer.
 */
public final class ArrayRiskCalculator implements RiskCalculator {

    /** Returned by {@link #ownerOf} for an order the calculator does not track. */
    public static final long NO_OWNER = Long.MIN_VALUE;

    private final NanoClock clock;
    private final QuoteSource quotes;
    private final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>();
    private final Object2ObjectHashMap<String, Instrument> instruments = new Object2ObjectHashMap<>();
    private final List<Instrument> instrumentList = new ArrayList<>();
    private final Listener listener = new Listener();
    private boolean globalKill;
    private RiskOrder freeOrders;
    /** The net position value computed by the last {@link #positionGross} call. */
    private long scratchNet;

    // the last refusal, turned into a message only when asked for
    private RiskReason lastReason;
    private String lastLimitName;
    private long lastLimit;
    private long lastValue;
    private long lastAccount;
    private String lastSymbol;

    /**
     * Creates a calculator.
     *
     * @param clock the throttle's clock
     * @param quotes mid prices before an instrument trades
     */
    public ArrayRiskCalculator(NanoClock clock, QuoteSource quotes) {
        this(clock, quotes, MAX_INSTRUMENTS, MAX_CLIENT_IDS);
    }

    /** The most instruments a gate tracks. */
    public static final int MAX_INSTRUMENTS = 100_000;
    /** The most client order ids an account may use in a session. */
    public static final long MAX_CLIENT_IDS = 100_000_000L;
    private final int maxInstruments;
    private final long maxClientIds;

    /**
     * Creates a calculator with other bounds (tests).
     *
     * @param clock the throttle's clock
     * @param quotes where mid prices come from
     * @param maxInstruments the most instruments tracked
     * @param maxClientIds the most client order ids an account may use
     */
    ArrayRiskCalculator(NanoClock clock, QuoteSource quotes, int maxInstruments, long maxClientIds) {
        this.maxInstruments = maxInstruments;
        this.maxClientIds = maxClientIds;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quotes = Objects.requireNonNull(quotes, "quotes");
    }

    @Override
    public void setAccountLimits(long account, AccountLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Account a = accounts.get(account);
        if (a == null) {
            a = new Account(account);
            accounts.put(account, a);
        }
        a.limits = limits;
    }

    @Override
    public void setInstrumentLimits(long account, String symbol, InstrumentLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Account a = accounts.get(account);
        if (a == null) {
            throw new IllegalStateException("account " + account + " has no limits: call setAccountLimits first");
        }
        Instrument in = instrument(symbol);
        a.ensure(in);
        a.overrides[in.index] = limits;
    }

    @Override
    public void setKillSwitch(long account, boolean on) {
        Account a = accounts.get(account);
        if (a == null) {
            throw new IllegalStateException("account " + account + " has no limits: call setAccountLimits first");
        }
        a.kill = on;
    }

    @Override
    public void setGlobalKillSwitch(boolean on) {
        globalKill = on;
    }

    private Instrument instrument(String symbol) {
        Instrument in = instruments.get(symbol);
        if (in == null) {
            if (symbol == null || symbol.isBlank()) {
                throw new IllegalArgumentException("symbol must not be blank, got '" + symbol + "'");
            }
            in = new Instrument(symbol, instrumentList.size());
            instruments.put(symbol, in);
            instrumentList.add(in);
        }
        return in;
    }

    private RiskReason refuse(RiskReason reason, long account, String symbol, String limitName, long limit, long value) {
        lastReason = reason;
        lastAccount = account;
        lastSymbol = symbol;
        lastLimitName = limitName;
        lastLimit = limit;
        lastValue = value;
        return reason;
    }

    /** The kill switches and the account's existence, checked first for new orders and amends alike. */
    private RiskReason admit(Account a, long account, String symbol) {
        if (globalKill) {
            return refuse(RiskReason.KILL_SWITCH_GLOBAL, account, symbol, null, 0, 0);
        }
        if (a == null) {
            return refuse(RiskReason.UNKNOWN_ACCOUNT, account, symbol, null, 0, 0);
        }
        if (a.kill) {
            return refuse(RiskReason.KILL_SWITCH_ACCOUNT, account, symbol, null, 0, 0);
        }
        return RiskReason.PASSED;
    }

    @Override
    public RiskReason checkNew(long account, String symbol, long clientOrderId, Side side, OrderType type,
                               long price, long quantity) {
        Account a = accounts.get(account);
        RiskReason admitted = admit(a, account, symbol);
        if (admitted != RiskReason.PASSED) {
            return admitted;
        }
        boolean market = type == OrderType.MARKET;
        if (quantity <= 0) {
            return refuse(RiskReason.INVALID_ORDER, account, symbol, "quantity", 0, quantity);
        }
        if (!market && price <= 0) {
            return refuse(RiskReason.INVALID_ORDER, account, symbol, "price", 0, price);
        }
        // an id above every id seen so far cannot be a duplicate: increasing ids skip the bitmap lookup
        if (clientOrderId <= a.maxClientId && a.clientIds.contains(clientOrderId)) {
            return refuse(RiskReason.DUPLICATE_CLIENT_ORDER_ID, account, symbol, "clientOrderId", 0, clientOrderId);
        }
        if (a.clientIdCount >= maxClientIds) {
            return refuse(RiskReason.TOO_MANY_CLIENT_ORDER_IDS, account, symbol, "clientOrderIds", maxClientIds, a.clientIdCount + 1);
        }
        if (instrumentList.size() >= maxInstruments && instruments.get(symbol) == null) {
            return refuse(RiskReason.TOO_MANY_INSTRUMENTS, account, symbol, "instruments", maxInstruments, instrumentList.size() + 1L);
        }
        Instrument in = instrument(symbol);
        RiskReason r = checkOrder(a, in, side == Side.BUY, market, price, quantity, 0, 0);
        if (r != RiskReason.PASSED) {
            return r;
        }
        AccountLimits l = a.limits;
        if (a.openOrders + 1 > l.maxOpenOrders()) {
            return refuse(RiskReason.MAX_OPEN_ORDERS, account, symbol, "maxOpenOrders", l.maxOpenOrders(), a.openOrders + 1);
        }
        long newTat = Long.MIN_VALUE;
        if (l.maxOrdersPerSecond() != AccountLimits.UNLIMITED) {
            long now = clock.nanoTime();
            long interval = 1_000_000_000L / l.maxOrdersPerSecond();
            long tolerance = interval * (l.orderBurst() - 1);
            long tat = Math.max(a.tat, now);
            if (tat - now > tolerance) {
                return refuse(RiskReason.RATE_LIMIT, account, symbol, "maxOrdersPerSecond", l.maxOrdersPerSecond(), l.orderBurst());
            }
            newTat = tat + interval;
        }
        a.clientIds.add(clientOrderId);
        a.clientIdCount++;
        if (clientOrderId > a.maxClientId) {
            a.maxClientId = clientOrderId;
        }
        if (newTat != Long.MIN_VALUE) {
            a.tat = newTat;
        }
        return RiskReason.PASSED;
    }

    @Override
    public RiskReason checkAmend(long account, String symbol, long orderId, long newPrice, long newQuantity) {
        Account a = accounts.get(account);
        RiskReason admitted = admit(a, account, symbol);
        if (admitted != RiskReason.PASSED) {
            return admitted;
        }
        Instrument in = instruments.get(symbol);
        RiskOrder o = in == null ? null : in.orders.get(orderId);
        if (o == null || o.account != a) {
            return RiskReason.PASSED;
        }
        if (newQuantity <= 0) {
            return refuse(RiskReason.INVALID_ORDER, account, symbol, "quantity", 0, newQuantity);
        }
        if (newPrice <= 0) {
            return refuse(RiskReason.INVALID_ORDER, account, symbol, "price", 0, newPrice);
        }
        return checkOrder(a, in, o.buy, false, newPrice, newQuantity, o.open, mul(o.price, o.open));
    }

    /**
     * The per-order, band, position, exposure and credit checks. {@code replacedQty} and
     * {@code replacedNotional} are an amended order's current open quantity and notional, which the
     * new values replace.
     */
    private RiskReason checkOrder(Account a, Instrument in, boolean buy, boolean market, long price, long qty,
                                  long replacedQty, long replacedNotional) {
        int i = in.index;
        a.ensure(in);
        AccountLimits l = a.limits;
        InstrumentLimits ov = a.overrides[i];
        long account = a.id;
        String symbol = in.symbol;

        long maxQty = ov != null && ov.maxOrderQuantity() != InstrumentLimits.INHERIT ? ov.maxOrderQuantity() : l.maxOrderQuantity();
        if (qty > maxQty) {
            return refuse(RiskReason.MAX_ORDER_QUANTITY, account, symbol, "maxOrderQuantity", maxQty, qty);
        }
        long ref = reference(in);
        if (market && ref == 0) {
            return refuse(RiskReason.NO_REFERENCE_PRICE, account, symbol, null, 0, 0);
        }
        long notional = mul(market ? ref : price, qty);
        long maxNotional = ov != null && ov.maxOrderNotional() != InstrumentLimits.INHERIT ? ov.maxOrderNotional() : l.maxOrderNotional();
        if (notional > maxNotional) {
            return refuse(RiskReason.MAX_ORDER_NOTIONAL, account, symbol, "maxOrderNotional", maxNotional, notional);
        }
        PriceBand band = ov != null && ov.priceBand() != null ? ov.priceBand() : l.priceBand();
        if (!market && !band.isNone()) {
            if (ref == 0) {
                return refuse(RiskReason.NO_REFERENCE_PRICE, account, symbol, null, 0, 0);
            }
            long allowed = band.allowedDistance(ref);
            long distance = Math.abs(price - ref);
            if (distance > allowed) {
                return refuse(RiskReason.PRICE_BAND, account, symbol, "priceBand " + band + " around reference " + ref,
                        allowed, price);
            }
        }
        long maxPos = ov != null && ov.maxPosition() != InstrumentLimits.INHERIT ? ov.maxPosition() : l.maxPosition();
        long pos = a.position[i];
        if (buy) {
            long worst = add(add(pos, a.openBuyQty[i] - replacedQty), qty);
            if (worst > maxPos) {
                return refuse(RiskReason.POSITION_LIMIT, account, symbol, "maxPosition", maxPos, worst);
            }
        } else {
            long worst = add(add(-pos, a.openSellQty[i] - replacedQty), qty);
            if (worst > maxPos) {
                return refuse(RiskReason.POSITION_LIMIT, account, symbol, "maxPosition", maxPos, -worst);
            }
        }
        long openBuy = a.openBuyNotional - (buy ? replacedNotional : 0);
        long openSell = a.openSellNotional - (buy ? 0 : replacedNotional);
        if (l.maxGrossExposure() != AccountLimits.UNLIMITED || l.maxNetExposure() != AccountLimits.UNLIMITED) {
            long gross = add(add(add(positionGross(a), openBuy), openSell), notional);
            long positionNet = scratchNet;
            if (gross > l.maxGrossExposure()) {
                return refuse(RiskReason.GROSS_EXPOSURE, account, symbol, "maxGrossExposure", l.maxGrossExposure(), gross);
            }
            long net = add(add(positionNet, openBuy), -openSell);
            net = buy ? add(net, notional) : add(net, -notional);
            if (Math.abs(net) > l.maxNetExposure()) {
                return refuse(RiskReason.NET_EXPOSURE, account, symbol, "maxNetExposure", l.maxNetExposure(), net);
            }
        }
        if (buy) {
            long used = add(add(openBuy, a.absCost), notional);
            if (used > l.creditLimit()) {
                return refuse(RiskReason.CREDIT_LIMIT, account, symbol, "creditLimit", l.creditLimit(), used);
            }
        }
        return RiskReason.PASSED;
    }

    private long reference(Instrument in) {
        if (in.lastTrade > 0) {
            return in.lastTrade;
        }
        long bid = quotes.bestBid(in.symbol);
        long ask = quotes.bestAsk(in.symbol);
        return bid > 0 && ask > 0 ? (bid + ask) / 2 : 0;
    }

    private long positionValue(Account a, int k) {
        int i = a.held[k];
        long pos = a.position[i];
        if (pos == 0) {
            return 0;
        }
        long ref = reference(a.heldInstruments[k]);
        return ref > 0 ? mul(pos, ref) : a.cost[i];
    }

    /** Gross and net value of the account's positions, in one pass; the net goes to {@link #scratchNet}. */
    private long positionGross(Account a) {
        long gross = 0;
        long net = 0;
        for (int k = 0; k < a.heldCount; k++) {
            long v = positionValue(a, k);
            gross = add(gross, Math.abs(v));
            net = add(net, v);
        }
        scratchNet = net;
        return gross;
    }

    /** Saturating multiply of a price or position by a quantity. */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return (hi < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * {@code a * b / c} truncated toward zero, exact whatever the size of {@code a * b} (a 128-bit product);
     * used for the share of the cost basis a partial close removes, which is always within {@code a}.
     */
    static long mulDiv(long a, long b, long c) {
        long q = a / c;
        long r = a % c;
        long hi = Math.multiplyHigh(r, b);
        long lo = r * b;
        long part = (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo / c
                : java.math.BigInteger.valueOf(r).multiply(java.math.BigInteger.valueOf(b))
                        .divide(java.math.BigInteger.valueOf(c)).longValueExact();
        return q * b + part;   // |q * b + part| <= |a| since b <= c
    }

    /** Saturating add. */
    static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    @Override
    public String lastRejectMessage() {
        if (lastReason == null) {
            return "";
        }
        String where = " (account " + lastAccount + ", " + lastSymbol + ")";
        return switch (lastReason) {
            case KILL_SWITCH_GLOBAL -> "KILL_SWITCH_GLOBAL: the global kill switch is on" + where;
            case KILL_SWITCH_ACCOUNT -> "KILL_SWITCH_ACCOUNT: the account's kill switch is on" + where;
            case UNKNOWN_ACCOUNT -> "UNKNOWN_ACCOUNT: account " + lastAccount + " has no limits configured" + where;
            case INVALID_ORDER -> "INVALID_ORDER: " + lastLimitName + " must be positive, got " + lastValue + where;
            case DUPLICATE_CLIENT_ORDER_ID -> "DUPLICATE_CLIENT_ORDER_ID: client order id " + lastValue
                    + " was already used in this session" + where;
            case NO_REFERENCE_PRICE -> "NO_REFERENCE_PRICE: no last trade and no two-sided quote to price against" + where;
            case PRICE_BAND -> "PRICE_BAND: price " + lastValue + " is more than " + lastLimit + " ticks from the reference ("
                    + lastLimitName + ")" + where;
            case RATE_LIMIT -> "RATE_LIMIT: more than maxOrdersPerSecond " + lastLimit + " (burst " + lastValue + ")" + where;
            case MAX_OPEN_ORDERS -> "MAX_OPEN_ORDERS: open orders " + lastValue + " would exceed maxOpenOrders " + lastLimit + where;
            case POSITION_LIMIT -> "POSITION_LIMIT: worst-case position " + lastValue + " would exceed maxPosition "
                    + lastLimit + where;
            default -> lastReason + ": " + valueName(lastReason) + " " + lastValue + " exceeds " + lastLimitName + " "
                    + lastLimit + where;
        };
    }

    private static String valueName(RiskReason r) {
        return switch (r) {
            case MAX_ORDER_QUANTITY -> "quantity";
            case MAX_ORDER_NOTIONAL -> "notional";
            case GROSS_EXPOSURE -> "gross exposure";
            case NET_EXPOSURE -> "net exposure";
            case CREDIT_LIMIT -> "open buy notional plus position cost";
            case TOO_MANY_INSTRUMENTS -> "instruments";
            case TOO_MANY_CLIENT_ORDER_IDS -> "client order ids";
            default -> "value";
        };
    }

    @Override
    public OrderBookListener listener() {
        return listener;
    }

    // ---- state from engine events

    private RiskOrder acquire() {
        RiskOrder o = freeOrders;
        if (o == null) {
            return new RiskOrder();
        }
        freeOrders = o.next;
        o.next = null;
        return o;
    }

    private void addOpen(RiskOrder o, long qty, long sign) {
        Account a = o.account;
        int i = o.instrument.index;
        long n = o.price * qty * sign;
        if (o.buy) {
            a.openBuyQty[i] += qty * sign;
            a.openBuyNotional += n;
        } else {
            a.openSellQty[i] += qty * sign;
            a.openSellNotional += n;
        }
    }

    private void reduce(Instrument in, long orderId, long qty) {
        RiskOrder o = in.orders.get(orderId);
        if (o == null) {
            return;
        }
        addOpen(o, qty, -1);
        o.open -= qty;
        if (o.open <= 0) {
            in.orders.remove(orderId);
            Account a = o.account;
            a.openOrders--;
            if (o.prev == null) {
                a.head = o.next;
            } else {
                o.prev.next = o.next;
            }
            if (o.next != null) {
                o.next.prev = o.prev;
            }
            o.prev = null;
            o.account = null;
            o.instrument = null;
            o.next = freeOrders;
            freeOrders = o;
        }
    }

    private void fill(long account, Instrument in, boolean buy, long price, long qty) {
        Account a = accounts.get(account);
        if (a == null) {
            return;
        }
        int i = in.index;
        a.ensure(in);
        long pos = a.position[i];
        long cost = a.cost[i];
        long oldAbsCost = Math.abs(cost);
        long dq = buy ? qty : -qty;
        if (pos == 0 || (pos > 0) == buy) {
            pos += dq;
            cost = add(cost, mul(dq, price));
        } else {
            long absPos = Math.abs(pos);
            long close = Math.min(qty, absPos);
            long removed = close == absPos ? cost : mulDiv(cost, close, absPos);
            a.realized[i] = add(a.realized[i], add(mul(pos > 0 ? close : -close, price), -removed));
            cost -= removed;
            pos += buy ? close : -close;
            long rest = qty - close;
            if (rest > 0) {
                pos = buy ? rest : -rest;
                cost = add(cost, mul(pos, price));
            }
        }
        a.position[i] = pos;
        a.cost[i] = cost;
        a.absCost += Math.abs(cost) - oldAbsCost;
    }

    private final class Listener implements OrderBookListener {
        @Override
        public void onAccepted(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                               long price, long quantity) {
            Account a = accounts.get(ownerId);
            if (a == null) {
                return;
            }
            Instrument in = instrument(symbol);
            a.ensure(in);
            RiskOrder o = acquire();
            o.id = orderId;
            o.account = a;
            o.instrument = in;
            o.buy = side == Side.BUY;
            o.price = price;
            o.open = quantity;
            o.prev = null;
            o.next = a.head;
            if (a.head != null) {
                a.head.prev = o;
            }
            a.head = o;
            a.openOrders++;
            in.orders.put(orderId, o);
            addOpen(o, quantity, 1);
        }

        @Override
        public void onTrade(String symbol, long takerOrderId, long takerOwnerId, long makerOrderId, long makerOwnerId,
                            Side takerSide, long price, long quantity, long takerRemaining, long makerRemaining) {
            Instrument in = instrument(symbol);
            in.lastTrade = price;
            boolean takerBuys = takerSide == Side.BUY;
            fill(takerOwnerId, in, takerBuys, price, quantity);
            fill(makerOwnerId, in, !takerBuys, price, quantity);
            reduce(in, takerOrderId, quantity);
            reduce(in, makerOrderId, quantity);
        }

        @Override
        public void onCancelled(String symbol, long orderId, long cancelledQuantity, long remainingQuantity,
                                CancelReason reason) {
            Instrument in = instruments.get(symbol);
            if (in != null) {
                reduce(in, orderId, cancelledQuantity);
            }
        }

        @Override
        public void onAmended(String symbol, long orderId, long newPrice, long newQuantity, boolean priorityKept) {
            Instrument in = instruments.get(symbol);
            RiskOrder o = in == null ? null : in.orders.get(orderId);
            if (o == null) {
                return;
            }
            addOpen(o, o.open, -1);
            o.price = newPrice;
            o.open = newQuantity;
            addOpen(o, newQuantity, 1);
        }
    }

    // ---- queries

    @Override
    public Optional<PositionView> position(long account, String symbol) {
        Account a = accounts.get(account);
        Instrument in = instruments.get(symbol);
        if (a == null || in == null || in.index >= a.touched.length || !a.touched[in.index]) {
            return Optional.empty();
        }
        return Optional.of(view(a, in.index));
    }

    @Override
    public List<PositionView> positions(long account) {
        Account a = accounts.get(account);
        List<PositionView> out = new ArrayList<>();
        if (a != null) {
            for (int k = 0; k < a.heldCount; k++) {
                out.add(view(a, a.held[k]));
            }
        }
        return out;
    }

    private PositionView view(Account a, int i) {
        long pos = a.position[i];
        return new PositionView(a.id, instrumentList.get(i).symbol, pos, pos == 0 ? Double.NaN : (double) a.cost[i] / pos,
                a.cost[i], a.realized[i], a.openBuyQty[i], a.openSellQty[i]);
    }

    /**
     * The account of an open order.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @return the account id, or {@link #NO_OWNER} when the order is not tracked
     */
    public long ownerOf(String symbol, long orderId) {
        Instrument in = instruments.get(symbol);
        RiskOrder o = in == null ? null : in.orders.get(orderId);
        return o == null ? NO_OWNER : o.account.id;
    }

    /**
     * Whether an account has limits (is configured).
     *
     * @param account the account id
     * @return true when {@code setAccountLimits} was called for it
     */
    public boolean hasAccount(long account) {
        return accounts.containsKey(account);
    }

    /**
     * Every configured account id. Allocates.
     *
     * @return the ids
     */
    public long[] accountIds() {
        long[] ids = new long[accounts.size()];
        int k = 0;
        for (Long2ObjectHashMap<Account>.KeyIterator it = accounts.keySet().iterator(); it.hasNext(); ) {
            ids[k++] = it.nextLong();
        }
        return ids;
    }

    @Override
    public long openOrderCount(long account) {
        Account a = accounts.get(account);
        return a == null ? 0 : a.openOrders;
    }

    @Override
    public List<OpenOrder> openOrders(long account) {
        Account a = accounts.get(account);
        List<OpenOrder> out = new ArrayList<>();
        for (RiskOrder o = a == null ? null : a.head; o != null; o = o.next) {
            out.add(new OpenOrder(o.instrument.symbol, o.id, o.buy ? Side.BUY : Side.SELL, o.price, o.open));
        }
        return out;
    }

    @Override
    public long grossExposure(long account) {
        Account a = accounts.get(account);
        return a == null ? 0 : add(add(positionGross(a), a.openBuyNotional), a.openSellNotional);
    }

    @Override
    public long netExposure(long account) {
        Account a = accounts.get(account);
        if (a == null) {
            return 0;
        }
        positionGross(a);
        return add(add(scratchNet, a.openBuyNotional), -a.openSellNotional);
    }

    @Override
    public long stateHash() {
        long h = io.cift.core.book.internal.StateHash.start();
        h = io.cift.core.book.internal.StateHash.add(h, globalKill ? 1 : 0);
        long[] ids = accountIds();
        java.util.Arrays.sort(ids);
        for (long id : ids) {
            Account a = accounts.get(id);
            h = io.cift.core.book.internal.StateHash.add(h, id);
            h = io.cift.core.book.internal.StateHash.add(h, a.kill ? 1 : 0);
            java.util.TreeMap<String, Instrument> held = new java.util.TreeMap<>();
            for (int k = 0; k < a.heldCount; k++) {
                held.put(a.heldInstruments[k].symbol, a.heldInstruments[k]);
            }
            for (Instrument in : held.values()) {
                int i = in.index;
                h = io.cift.core.book.internal.StateHash.add(h, in.symbol);
                h = io.cift.core.book.internal.StateHash.add(h, a.position[i]);
                h = io.cift.core.book.internal.StateHash.add(h, a.cost[i]);
                h = io.cift.core.book.internal.StateHash.add(h, a.realized[i]);
            }
            List<RiskOrder> orders = new ArrayList<>();
            for (RiskOrder o = a.head; o != null; o = o.next) {
                orders.add(o);
            }
            orders.sort(java.util.Comparator.comparing((RiskOrder o) -> o.instrument.symbol).thenComparingLong(o -> o.id));
            for (RiskOrder o : orders) {
                h = io.cift.core.book.internal.StateHash.add(h, o.instrument.symbol);
                h = io.cift.core.book.internal.StateHash.add(h, o.id);
                h = io.cift.core.book.internal.StateHash.add(h, o.buy ? 1 : 0);
                h = io.cift.core.book.internal.StateHash.add(h, o.price);
                h = io.cift.core.book.internal.StateHash.add(h, o.open);
            }
        }
        return h;
    }

    @Override
    public void validate() {
        long linked = 0;
        for (long id : accountIds()) {
            Account a = accounts.get(id);
            long count = 0;
            long buyNotional = 0;
            long sellNotional = 0;
            long[] buyQty = new long[a.position.length];
            long[] sellQty = new long[a.position.length];
            for (RiskOrder o = a.head; o != null; o = o.next) {
                count++;
                if (o.account != a || o.open <= 0 || o.instrument.orders.get(o.id) != o) {
                    throw invalidRisk(a, o.instrument.symbol, "order " + o.id + " (open " + o.open
                            + ") is not where the instrument's index and its account say");
                }
                if (o.instrument.index >= buyQty.length) {
                    throw invalidRisk(a, o.instrument.symbol, "order " + o.id + " on an instrument the account never touched");
                }
                if (o.buy) {
                    buyQty[o.instrument.index] += o.open;
                    buyNotional += o.price * o.open;
                } else {
                    sellQty[o.instrument.index] += o.open;
                    sellNotional += o.price * o.open;
                }
            }
            linked += count;
            check(a, null, "openOrders", a.openOrders, count);
            check(a, null, "openBuyNotional", a.openBuyNotional, buyNotional);
            check(a, null, "openSellNotional", a.openSellNotional, sellNotional);
            long absCost = 0;
            for (Instrument in : instrumentList) {
                int i = in.index;
                if (i < a.position.length) {
                    check(a, in.symbol, "openBuyQty", a.openBuyQty[i], buyQty[i]);
                    check(a, in.symbol, "openSellQty", a.openSellQty[i], sellQty[i]);
                    absCost += Math.abs(a.cost[i]);
                    if (a.position[i] == 0 && a.cost[i] != 0) {
                        throw invalidRisk(a, in.symbol, "a flat position with cost basis " + a.cost[i]);
                    }
                }
            }
            check(a, null, "absCost", a.absCost, absCost);
        }
        long indexed = 0;
        for (Instrument in : instrumentList) {
            indexed += in.orders.size();
        }
        if (indexed != linked) {
            throw new IllegalStateException("risk state is inconsistent: the instruments index " + indexed
                    + " open orders but the accounts hold " + linked);
        }
    }

    private static void check(Account a, String symbol, String field, long recorded, long summed) {
        if (recorded != summed) {
            throw invalidRisk(a, symbol, field + " is " + recorded + " but its orders and positions sum to " + summed);
        }
    }

    private static IllegalStateException invalidRisk(Account a, String symbol, String problem) {
        return new IllegalStateException("risk state of account " + a.id + (symbol == null ? "" : ", " + symbol)
                + " is inconsistent: " + problem);
    }

    /**
     * Writes the whole state, for a durable engine's snapshot: kill switches, instruments with their
     * last trade, and per account its limits and overrides, throttle time, client order ids, positions
     * and open orders (in the order it keeps them, which a mass cancel follows).
     *
     * @param out the output
     * @throws java.io.IOException when the output fails
     */
    public void writeState(java.io.DataOutput out) throws java.io.IOException {
        out.writeBoolean(globalKill);
        out.writeInt(instrumentList.size());
        for (Instrument in : instrumentList) {
            out.writeUTF(in.symbol);
            out.writeLong(in.lastTrade);
        }
        long[] ids = accountIds();
        java.util.Arrays.sort(ids);
        out.writeInt(ids.length);
        for (long id : ids) {
            Account a = accounts.get(id);
            out.writeLong(id);
            LimitsCodec.write(out, a.limits);
            out.writeBoolean(a.kill);
            out.writeLong(a.tat);
            out.writeLong(a.maxClientId);
            a.clientIds.write(out);
            out.writeInt(a.heldCount);
            for (int k = 0; k < a.heldCount; k++) {
                int i = a.held[k];
                out.writeInt(i);
                out.writeLong(a.position[i]);
                out.writeLong(a.cost[i]);
                out.writeLong(a.realized[i]);
                InstrumentLimits ov = a.overrides[i];
                out.writeBoolean(ov != null);
                if (ov != null) {
                    LimitsCodec.write(out, ov);
                }
            }
            out.writeLong(a.openOrders);
            for (RiskOrder o = a.head; o != null; o = o.next) {
                out.writeInt(o.instrument.index);
                out.writeLong(o.id);
                out.writeBoolean(o.buy);
                out.writeLong(o.price);
                out.writeLong(o.open);
            }
        }
    }

    /**
     * Reads what {@link #writeState} wrote into a calculator that has seen nothing yet.
     *
     * @param in the input
     * @throws java.io.IOException when the input fails or is not such a state
     */
    public void readState(java.io.DataInput in) throws java.io.IOException {
        if (!accounts.isEmpty() || !instrumentList.isEmpty()) {
            throw new IllegalStateException("readState needs a calculator that has seen nothing");
        }
        globalKill = in.readBoolean();
        int instrumentCount = in.readInt();
        for (int k = 0; k < instrumentCount; k++) {
            Instrument inst = instrument(in.readUTF());
            if (inst.index != k) {
                throw new java.io.IOException("instrument " + inst.symbol + " stored twice");
            }
            inst.lastTrade = in.readLong();
        }
        int accountCount = in.readInt();
        for (int n = 0; n < accountCount; n++) {
            long id = in.readLong();
            Account a = new Account(id);
            accounts.put(id, a);
            a.limits = LimitsCodec.readAccountLimits(in);
            a.kill = in.readBoolean();
            a.tat = in.readLong();
            a.maxClientId = in.readLong();
            a.clientIds.read(in);
            a.clientIdCount = a.clientIds.size();
            int held = in.readInt();
            for (int k = 0; k < held; k++) {
                int i = in.readInt();
                if (i < 0 || i >= instrumentList.size()) {
                    throw new java.io.IOException("account " + id + " holds an unknown instrument " + i);
                }
                a.ensure(instrumentList.get(i));
                a.position[i] = in.readLong();
                a.cost[i] = in.readLong();
                a.realized[i] = in.readLong();
                a.absCost += Math.abs(a.cost[i]);
                if (in.readBoolean()) {
                    a.overrides[i] = LimitsCodec.readInstrumentLimits(in);
                }
            }
            long orders = in.readLong();
            RiskOrder tail = null;
            for (long k = 0; k < orders; k++) {
                int i = in.readInt();
                if (i < 0 || i >= instrumentList.size()) {
                    throw new java.io.IOException("an open order of account " + id + " on an unknown instrument " + i);
                }
                Instrument inst = instrumentList.get(i);
                RiskOrder o = acquire();
                o.id = in.readLong();
                o.account = a;
                o.instrument = inst;
                o.buy = in.readBoolean();
                o.price = in.readLong();
                o.open = in.readLong();
                o.prev = tail;
                o.next = null;
                if (tail == null) {
                    a.head = o;
                } else {
                    tail.next = o;
                }
                tail = o;
                a.ensure(inst);
                a.openOrders++;
                inst.orders.put(o.id, o);
                addOpen(o, o.open, 1);
            }
        }
    }
}
