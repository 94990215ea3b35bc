package io.cift.core.book;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable batch of order commands for {@link MatchingEngine#apply(CommandBatch)}. Applying several
 * commands at once lets the engine look ahead: it reads the orders that the batch's cancels and amends
 * name together, before applying any command, so that on a book larger than the processor's caches their
 * cache misses overlap instead of coming one after another. Each command has exactly the effect, the
 * events and the result of the single-command method it stands for, in batch order.
 *
 * <p>Add commands with {@link #submit}, {@link #cancel} and {@link #amend}; after {@code apply},
 * {@link #result(int)} holds each one's {@link ResultCode}. {@link #clear()} empties the batch for reuse.
 * The batch grows (allocating) only when it holds more commands than ever before; its storage holds no
 * reference but the symbols and enum constants given to it.
 *
 * <p><b>Threading:</b> not thread-safe: fill it, apply it and read its results on one thread.
 */
public final class CommandBatch {
    /** What {@link #CommandBatch()} preallocates. */
    public static final int DEFAULT_CAPACITY = 64;

    private int size;
    private int applied;
    private CommandType[] command;
    private String[] symbol;
    private long[] orderId;
    private long[] ownerId;
    private Side[] side;
    private OrderType[] type;
    private TimeInForce[] tif;
    private long[] price;
    private long[] quantity;
    private boolean[] postOnly;
    private ResultCode[] result;

    /** A batch with room for {@value #DEFAULT_CAPACITY} commands before it grows. */
    public CommandBatch() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A batch with room for {@code capacity} commands before it grows.
     *
     * @param capacity commands to preallocate, positive
     * @throws IllegalArgumentException when {@code capacity} is not positive
     */
    public CommandBatch(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        command = new CommandType[capacity];
        symbol = new String[capacity];
        orderId = new long[capacity];
        ownerId = new long[capacity];
        side = new Side[capacity];
        type = new OrderType[capacity];
        tif = new TimeInForce[capacity];
        price = new long[capacity];
        quantity = new long[capacity];
        postOnly = new boolean[capacity];
        result = new ResultCode[capacity];
    }

    /**
     * Adds a new order; see {@link MatchingEngine#submit}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param ownerId the owner (account) id
     * @param side buy or sell
     * @param type LIMIT or MARKET
     * @param tif time in force
     * @param price limit price in ticks (ignored for MARKET)
     * @param quantity quantity in lots
     * @param postOnly post-only flag
     * @return this batch
     * @throws NullPointerException when {@code side}, {@code type} or {@code tif} is null (nothing is added)
     */
    public CommandBatch submit(String symbol, long orderId, long ownerId, Side side, OrderType type, TimeInForce tif,
                               long price, long quantity, boolean postOnly) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        int i = add(CommandType.NEW, symbol, orderId);
        this.ownerId[i] = ownerId;
        this.side[i] = side;
        this.type[i] = type;
        this.tif[i] = tif;
        this.price[i] = price;
        this.quantity[i] = quantity;
        this.postOnly[i] = postOnly;
        return this;
    }

    /**
     * Adds a cancel at the owner's request ({@link CancelReason#USER}); see {@link MatchingEngine#cancel(String, long)}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @return this batch
     */
    public CommandBatch cancel(String symbol, long orderId) {
        add(CommandType.CANCEL, symbol, orderId);
        return this;
    }

    /**
     * Adds an amend; see {@link MatchingEngine#amend}.
     *
     * @param symbol the instrument
     * @param orderId the order id
     * @param newPrice the new price in ticks
     * @param newQuantity the new open quantity
     * @return this batch
     */
    public CommandBatch amend(String symbol, long orderId, long newPrice, long newQuantity) {
        int i = add(CommandType.AMEND, symbol, orderId);
        price[i] = newPrice;
        quantity[i] = newQuantity;
        return this;
    }

    private int add(CommandType c, String s, long id) {
        if (size == command.length) {
            grow();
        }
        int i = size++;
        command[i] = c;
        symbol[i] = s;
        orderId[i] = id;
        result[i] = null;
        return i;
    }

    private void grow() {
        int n = Math.max(command.length + 1, command.length * 2);
        command = Arrays.copyOf(command, n);
        symbol = Arrays.copyOf(symbol, n);
        orderId = Arrays.copyOf(orderId, n);
        ownerId = Arrays.copyOf(ownerId, n);
        side = Arrays.copyOf(side, n);
        type = Arrays.copyOf(type, n);
        tif = Arrays.copyOf(tif, n);
        price = Arrays.copyOf(price, n);
        quantity = Arrays.copyOf(quantity, n);
        postOnly = Arrays.copyOf(postOnly, n);
        result = Arrays.copyOf(result, n);
    }

    /** Empties the batch (its storage is kept for the next commands). */
    public void clear() {
        Arrays.fill(symbol, 0, size, null);   // lets the symbols go
        size = 0;
        applied = 0;
    }

    /** @return how many commands the batch holds */
    public int size() {
        return size;
    }

    /**
     * How many commands, from the first, the last {@code apply} got through: all of them, unless a command
     * threw (as its single-command method would, a full book for one), in which case that command and those
     * after it have no effect and no result.
     *
     * @return the count
     */
    public int applied() {
        return applied;
    }

    /**
     * The result of command {@code i} after {@code apply}.
     *
     * @param i the command's position, from 0
     * @return its result, or null when it has not been applied
     * @throws IndexOutOfBoundsException when {@code i} is not below {@link #size()}
     */
    public ResultCode result(int i) {
        return result[Objects.checkIndex(i, size)];
    }

    /**
     * What kind command {@code i} is.
     *
     * @param i the command's position, from 0
     * @return NEW, CANCEL or AMEND
     * @throws IndexOutOfBoundsException when {@code i} is not below {@link #size()}
     */
    public CommandType command(int i) {
        return command[Objects.checkIndex(i, size)];
    }

    /**
     * The symbol of command {@code i}.
     *
     * @param i the command's position
     * @return the symbol as given
     */
    public String symbol(int i) {
        return symbol[Objects.checkIndex(i, size)];
    }

    /**
     * The order id of command {@code i}.
     *
     * @param i the command's position
     * @return the order id
     */
    public long orderId(int i) {
        return orderId[Objects.checkIndex(i, size)];
    }

    /**
     * Applies every command in order through {@code engine}'s single-command methods, recording each result.
     * Engines call it from {@link MatchingEngine#apply} once they have looked ahead.
     *
     * @param engine the engine
     */
    void applyEach(MatchingEngine engine) {
        applied = 0;
        Arrays.fill(result, 0, size, null);
        for (int i = 0; i < size; i++) {
            result[i] = switch (command[i]) {
                case NEW -> engine.submit(symbol[i], orderId[i], ownerId[i], side[i], type[i], tif[i], price[i],
                        quantity[i], postOnly[i]);
                case CANCEL -> engine.cancel(symbol[i], orderId[i]);
                case AMEND -> engine.amend(symbol[i], orderId[i], price[i], quantity[i]);
            };
            applied = i + 1;
        }
    }
}
