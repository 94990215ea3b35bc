package io.cift.core.risk.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.ResultCode;
import io.cift.core.book.internal.ContainedListener;
import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.QuoteSource;
import io.cift.core.risk.RiskCalculator;
import io.cift.core.risk.RiskCheckedEngine;
import io.cift.core.risk.RiskReason;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link RiskCheckedEngine}: an {@link ArrayRiskCalculator} in front of a {@link MatchingEngine}. Single writer. */
public final class GatedMatchingEngine implements RiskCheckedEngine {

    private final SymbolRoutingEngine engine;
    private final ArrayRiskCalculator risk;
    private final ContainedListener user;
    private RiskReason lastReason = RiskReason.PASSED;

    /**
     * Creates the gated engine.
     *
     * @param config the engine configuration
     * @param clock the throttle's clock
     */
    public GatedMatchingEngine(MatchingEngineConfig config, NanoClock clock) {
        this.user = new ContainedListener(config.listener(), config.listenerFailureHandler());
        // the calculator's quotes read the engine's books, and the engine's listener feeds the calculator:
        // create the calculator first, with quotes that find the engine once it exists
        BookQuotes quotes = new BookQuotes();
        this.risk = new ArrayRiskCalculator(clock, quotes);
        MatchingEngineConfig inner = config.toBuilder()
                .listener(OrderBookListener.both(risk.listener(), user))
                .build();
        this.engine = new SymbolRoutingEngine(inner);
        quotes.engine = engine;
    }

    /**
     * A gate around an engine built elsewhere, whose listener already feeds {@code risk} (a durable
     * engine does this, so that the gate's state follows replayed commands too).
     *
     * @param risk the calculator, reading quotes from {@code engine}
     * @param engine the engine
     * @param rejections told of the gate's own refusals
     */
    public GatedMatchingEngine(ArrayRiskCalculator risk, SymbolRoutingEngine engine, ContainedListener rejections) {
        this.risk = risk;
        this.engine = engine;
        this.user = rejections;
    }

    /**
     * Quotes from an engine's books, for a calculator created before its engine.
     *
     * @return quotes that read the engine set with {@link #bind}
     */
    public static QuoteSource quotesOf() {
        return new BookQuotes();
    }

    /**
     * Points quotes made by {@link #quotesOf()} at an engine.
     *
     * @param quotes the quotes
     * @param engine the engine
     */
    public static void bind(QuoteSource quotes, MatchingEngine engine) {
        ((BookQuotes) quotes).engine = engine;
    }

    @Override
    public RiskCalculator risk() {
        return risk;
    }

    @Override
    public RiskReason lastRiskReason() {
        return lastReason;
    }

    @Override
    public ResultCode submit(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                             long price, long quantity, boolean postOnly) {
        if (engine.refusesNew(symbol)) {
            // the engine refuses the symbol: the gate keeps no state for it (no instrument, no reservation)
            return engine.submit(symbol, orderId, ownerId, side, type, tif, price, quantity, postOnly);
        }
        RiskReason r = risk.checkNew(ownerId, symbol, orderId, side, type, price, quantity);
        if (r != RiskReason.PASSED) {
            return refuse(r, symbol, orderId, CommandType.NEW);
        }
        return engine.submit(symbol, orderId, ownerId, side, type, tif, price, quantity, postOnly);
    }

    @Override
    public ResultCode cancel(String symbol, long orderId, CancelReason reason) {
        return engine.cancel(symbol, orderId, reason);
    }

    @Override
    public void prefetch(String symbol, long orderId) {
        engine.prefetch(symbol, orderId);
    }

    /**
     * Amends an order after the gate has checked it against the owner of the order as the gate tracks it.
     * An order the gate does not track goes to the engine unchecked (which rejects it if it is not live).
     */
    @Override
    public ResultCode amend(String symbol, long orderId, long newPrice, long newQuantity) {
        long owner = risk.ownerOf(symbol, orderId);
        if (owner != ArrayRiskCalculator.NO_OWNER) {
            RiskReason r = risk.checkAmend(owner, symbol, orderId, newPrice, newQuantity);
            if (r != RiskReason.PASSED) {
                return refuse(r, symbol, orderId, CommandType.AMEND);
            }
        }
        return engine.amend(symbol, orderId, newPrice, newQuantity);
    }

    private ResultCode refuse(RiskReason r, String symbol, long orderId, CommandType command) {
        lastReason = r;
        user.onRejected(symbol, orderId, command, ResultCode.RISK_REJECTED);
        return ResultCode.RISK_REJECTED;
    }

    @Override
    public int killAccount(long account, boolean cancelOpenOrders) {
        risk.setKillSwitch(account, true);
        return cancelOpenOrders ? cancelAll(risk.openOrders(account)) : 0;
    }

    @Override
    public int killAll(boolean cancelOpenOrders) {
        risk.setGlobalKillSwitch(true);
        int n = 0;
        if (cancelOpenOrders) {
            for (long account : risk.accountIds()) {
                n += cancelAll(risk.openOrders(account));
            }
        }
        return n;
    }

    private int cancelAll(List<RiskCalculator.OpenOrder> orders) {
        int n = 0;
        for (RiskCalculator.OpenOrder o : orders) {
            if (engine.cancel(o.symbol(), o.orderId(), CancelReason.KILL_SWITCH) == ResultCode.ACCEPTED) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Optional<OrderBook> book(String symbol) {
        return engine.book(symbol);
    }

    @Override
    public long listenerFailures() {
        return user.failures() + engine.listenerFailures();
    }

    @Override
    public long stateHash() {
        return engine.stateHash();
    }

    @Override
    public void validate() {
        engine.validate();
    }

    @Override
    public Set<String> symbols() {
        return engine.symbols();
    }

    /** Quotes from an engine's books; book references are cached (books are never removed), so a lookup allocates nothing. */
    private static final class BookQuotes implements QuoteSource {
        private final java.util.HashMap<String, OrderBook> books = new java.util.HashMap<>();
        private MatchingEngine engine;

        private OrderBook book(String symbol) {
            OrderBook b = books.get(symbol);
            if (b == null) {
                b = engine.book(symbol).orElse(null);
                if (b != null) {
                    books.put(symbol, b);
                }
            }
            return b;
        }

        @Override
        public long bestBid(String symbol) {
            OrderBook b = book(symbol);
            return b == null ? OrderBook.NO_PRICE : b.bestBid();
        }

        @Override
        public long bestAsk(String symbol) {
            OrderBook b = book(symbol);
            return b == null ? OrderBook.NO_PRICE : b.bestAsk();
        }
    }
}
