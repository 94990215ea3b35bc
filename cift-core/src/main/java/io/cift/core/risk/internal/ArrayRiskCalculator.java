package io.cift.core.risk.internal;

import io.cift.core.book.OrderBookListener;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.PositionView;
import io.cift.core.risk.QuoteSource;
import io.cift.core.risk.RiskCalculator;
import io.cift.core.risk.RiskReason;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RiskCalculator} over dense per-account arrays indexed by instrument, open orders in per-instrument
 * primitive maps, and a GCRA (virtual-scheduling token bucket) throttle: the facade over the state
 * ({@link RiskState}), the checks ({@link PreTradeChecks}), the position keeping ({@link PositionKeeper})
 * and the last refusal ({@link Refusal}); it keeps the queries, the state hash and validation, and
 * snapshots. Single writer.
 */
public final class ArrayRiskCalculator implements RiskCalculator {

    /** Returned by {@link #ownerOf} for an order the calculator does not track. */
    public static final long NO_OWNER = Long.MIN_VALUE;

    private final RiskState state = new RiskState();
    private final Refusal refusal = new Refusal();
    private final Valuation valuation;
    private final PreTradeChecks checks;
    private final PositionKeeper keeper = new PositionKeeper(state);

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

    /**
     * Creates a calculator with other bounds (tests).
     *
     * @param clock the throttle's clock
     * @param quotes where mid prices come from
     * @param maxInstruments the most instruments tracked
     * @param maxClientIds the most client order ids an account may use
     */
    ArrayRiskCalculator(NanoClock clock, QuoteSource quotes, int maxInstruments, long maxClientIds) {
        this.valuation = new Valuation(Objects.requireNonNull(quotes, "quotes"));
        this.checks = new PreTradeChecks(state, valuation, refusal, Objects.requireNonNull(clock, "clock"),
                maxInstruments, maxClientIds);
    }

    @Override
    public void setAccountLimits(long account, AccountLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Account a = state.accounts.get(account);
        if (a == null) {
            a = new Account(account);
            state.accounts.put(account, a);
        }
        a.limits = limits;
    }

    @Override
    public void setInstrumentLimits(long account, String symbol, InstrumentLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Account a = state.accounts.get(account);
        if (a == null) {
            throw new IllegalStateException("account " + account + " has no limits: call setAccountLimits first");
        }
        Instrument in = state.instrument(symbol);
        a.ensure(in);
        a.overrides[in.index] = limits;
    }

    @Override
    public void setKillSwitch(long account, boolean on) {
        Account a = state.accounts.get(account);
        if (a == null) {
            throw new IllegalStateException("account " + account + " has no limits: call setAccountLimits first");
        }
        a.kill = on;
    }

    @Override
    public void setGlobalKillSwitch(boolean on) {
        state.globalKill = on;
    }

    @Override
    public RiskReason checkNew(long account, String symbol, long clientOrderId, Side side, OrderType type,
                               long price, long quantity) {
        return checks.checkNew(account, symbol, clientOrderId, side, type, price, quantity);
    }

    @Override
    public RiskReason checkAmend(long account, String symbol, long orderId, long newPrice, long newQuantity) {
        return checks.checkAmend(account, symbol, orderId, newPrice, newQuantity);
    }

    @Override
    public String lastRejectMessage() {
        return refusal.message();
    }

    @Override
    public long refusals(RiskReason reason) {
        return refusal.count(reason);
    }

    @Override
    public OrderBookListener listener() {
        return keeper;
    }

    // ---- state from engine events

    // ---- queries

    @Override
    public Optional<PositionView> position(long account, String symbol) {
        Account a = state.accounts.get(account);
        Instrument in = state.instruments.get(symbol);
        if (a == null || in == null || in.index >= a.touched.length || !a.touched[in.index]) {
            return Optional.empty();
        }
        return Optional.of(view(a, in.index));
    }

    @Override
    public List<PositionView> positions(long account) {
        Account a = state.accounts.get(account);
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
        return new PositionView(a.id, state.instrumentList.get(i).symbol, pos, pos == 0 ? Double.NaN : (double) a.cost[i] / pos,
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
        Instrument in = state.instruments.get(symbol);
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
        return state.accounts.containsKey(account);
    }

    /**
     * Every configured account id. Allocates.
     *
     * @return the ids
     */
    public long[] accountIds() {
        long[] ids = new long[state.accounts.size()];
        int k = 0;
        for (Long2ObjectHashMap<Account>.KeyIterator it = state.accounts.keySet().iterator(); it.hasNext(); ) {
            ids[k++] = it.nextLong();
        }
        return ids;
    }

    @Override
    public long openOrderCount(long account) {
        Account a = state.accounts.get(account);
        return a == null ? 0 : a.openOrders;
    }

    @Override
    public List<OpenOrder> openOrders(long account) {
        Account a = state.accounts.get(account);
        List<OpenOrder> out = new ArrayList<>();
        for (RiskOrder o = a == null ? null : a.head; o != null; o = o.next) {
            out.add(new OpenOrder(o.instrument.symbol, o.id, o.buy ? Side.BUY : Side.SELL, o.price, o.open));
        }
        return out;
    }

    @Override
    public long grossExposure(long account) {
        Account a = state.accounts.get(account);
        return a == null ? 0 : RiskMath.add(RiskMath.add(valuation.positionGross(a), a.openBuyNotional), a.openSellNotional);
    }

    @Override
    public long netExposure(long account) {
        Account a = state.accounts.get(account);
        if (a == null) {
            return 0;
        }
        valuation.positionGross(a);
        return RiskMath.add(RiskMath.add(valuation.lastNet(), a.openBuyNotional), -a.openSellNotional);
    }

    @Override
    public long stateHash() {
        long h = io.cift.core.book.internal.StateHash.start();
        h = io.cift.core.book.internal.StateHash.add(h, state.globalKill ? 1 : 0);
        long[] ids = accountIds();
        java.util.Arrays.sort(ids);
        for (long id : ids) {
            Account a = state.accounts.get(id);
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
            Account a = state.accounts.get(id);
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
            for (Instrument in : state.instrumentList) {
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
        for (Instrument in : state.instrumentList) {
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
        out.writeBoolean(state.globalKill);
        out.writeInt(state.instrumentList.size());
        for (Instrument in : state.instrumentList) {
            out.writeUTF(in.symbol);
            out.writeLong(in.lastTrade);
        }
        long[] ids = accountIds();
        java.util.Arrays.sort(ids);
        out.writeInt(ids.length);
        for (long id : ids) {
            Account a = state.accounts.get(id);
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
        if (!state.accounts.isEmpty() || !state.instrumentList.isEmpty()) {
            throw new IllegalStateException("readState needs a calculator that has seen nothing");
        }
        state.globalKill = in.readBoolean();
        int instrumentCount = in.readInt();
        for (int k = 0; k < instrumentCount; k++) {
            Instrument inst = state.instrument(in.readUTF());
            if (inst.index != k) {
                throw new java.io.IOException("instrument " + inst.symbol + " stored twice");
            }
            inst.lastTrade = in.readLong();
        }
        int accountCount = in.readInt();
        for (int n = 0; n < accountCount; n++) {
            long id = in.readLong();
            Account a = new Account(id);
            state.accounts.put(id, a);
            a.limits = LimitsCodec.readAccountLimits(in);
            a.kill = in.readBoolean();
            a.tat = in.readLong();
            a.maxClientId = in.readLong();
            a.clientIds.read(in);
            a.clientIdCount = a.clientIds.size();
            int held = in.readInt();
            for (int k = 0; k < held; k++) {
                int i = in.readInt();
                if (i < 0 || i >= state.instrumentList.size()) {
                    throw new java.io.IOException("account " + id + " holds an unknown instrument " + i);
                }
                a.ensure(state.instrumentList.get(i));
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
                if (i < 0 || i >= state.instrumentList.size()) {
                    throw new java.io.IOException("an open order of account " + id + " on an unknown instrument " + i);
                }
                Instrument inst = state.instrumentList.get(i);
                RiskOrder o = state.acquire();
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
                keeper.addOpen(o, o.open, 1);
            }
        }
    }
}
