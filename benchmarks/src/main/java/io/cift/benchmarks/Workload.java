package io.cift.benchmarks;

import io.cift.core.book.OrderBook;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.examples.replay.OrderCsvReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order flow parsed into primitive arrays before measuring, so that benchmarks time the book and nothing
 * else; a flow over several symbols keeps each command's symbol as an index into {@link #symbols}. Reads the {@code cift replay} CSV written by
 * {@code ../shared/bench/lob_workload.py --format cift}, and the expected-results JSON beside it.
 */
public final class Workload {

    static final byte NEW = 0;
    static final byte CANCEL = 1;
    static final byte AMEND = 2;
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();

    final int size;
    final byte[] action;
    final long[] orderId;
    /** Owner ids as the generator's harness assigns them: 1 + order_id % 1000. */
    final long[] owner;
    final byte[] side;
    final byte[] type;
    final byte[] tif;
    final long[] price;
    final long[] qty;
    /** Each command's symbol: an index into {@link #symbols}. */
    final int[] symbol;
    /** The flow's symbols in the order they first appear. */
    final String[] symbols;
    /** Expected trade count, volume and FNV-64 hash (from the JSON), or -1 when there is no JSON. */
    final long expectedTrades;
    final long expectedVolume;
    final String expectedHash;

    private Workload(int size, byte[] action, long[] orderId, byte[] side, byte[] type, byte[] tif, long[] price,
                     long[] qty, int[] symbol, String[] symbols, long expectedTrades, long expectedVolume,
                     String expectedHash) {
        this.size = size;
        this.symbol = symbol;
        this.symbols = symbols;
        this.action = action;
        this.orderId = orderId;
        this.owner = new long[size];
        for (int i = 0; i < size; i++) {
            owner[i] = 1 + orderId[i] % 1000;
        }
        this.side = side;
        this.type = type;
        this.tif = tif;
        this.price = price;
        this.qty = qty;
        this.expectedTrades = expectedTrades;
        this.expectedVolume = expectedVolume;
        this.expectedHash = expectedHash;
    }

    /**
     * Loads the workload CSV and, when present, the JSON of the same name ({@code x.csv} / {@code x.json}).
     *
     * @param csv the CSV path
     * @return the parsed workload
     */
    public static Workload load(Path csv) {
        int cap = 1 << 16;
        byte[] action = new byte[cap];
        long[] id = new long[cap];
        byte[] side = new byte[cap];
        byte[] type = new byte[cap];
        byte[] tif = new byte[cap];
        long[] price = new long[cap];
        long[] qty = new long[cap];
        int[] sym = new int[cap];
        java.util.Map<String, Integer> symbolIds = new java.util.LinkedHashMap<>();
        int n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
             OrderCsvReader r = new OrderCsvReader(in)) {
            while (r.next()) {
                if (n == cap) {
                    cap *= 2;
                    action = Arrays.copyOf(action, cap);
                    id = Arrays.copyOf(id, cap);
                    side = Arrays.copyOf(side, cap);
                    type = Arrays.copyOf(type, cap);
                    tif = Arrays.copyOf(tif, cap);
                    price = Arrays.copyOf(price, cap);
                    qty = Arrays.copyOf(qty, cap);
                    sym = Arrays.copyOf(sym, cap);
                }
                sym[n] = symbolIds.computeIfAbsent(r.symbol, k -> symbolIds.size());
                action[n] = (byte) r.action.ordinal();
                id[n] = r.orderId;
                if (r.action == OrderCsvReader.Action.NEW) {
                    side[n] = (byte) r.side.ordinal();
                    type[n] = (byte) r.type.ordinal();
                    tif[n] = (byte) r.tif.ordinal();
                }
                price[n] = r.price;
                qty[n] = r.qty;
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload " + csv, e);
        }
        long trades = -1;
        long volume = -1;
        String hash = null;
        Path json = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        if (Files.isRegularFile(json)) {
            try {
                String text = Files.readString(json);
                trades = number(text, "trades");
                volume = number(text, "traded_volume");
                Matcher m = Pattern.compile("\"trade_hash_fnv64\":\\s*\"([0-9a-f]+)\"").matcher(text);
                hash = m.find() ? m.group(1) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Workload(n, action, id, side, type, tif, price, qty, sym, symbolIds.keySet().toArray(new String[0]),
                trades, volume, hash);
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Sends command {@code i} to the book.
     *
     * @param book the book
     * @param i the command index
     * @return the book's result
     */
    ResultCode apply(OrderBook book, int i) {
        switch (action[i]) {
            case NEW:
                return book.submit(orderId[i], owner[i], SIDES[side[i]], TYPES[type[i]], TIFS[tif[i]],
                        price[i], qty[i], false);
            case CANCEL:
                return book.cancel(orderId[i]);
            default:
                return book.amend(orderId[i], price[i], qty[i]);
        }
    }

    /**
     * Sends command {@code i} to an engine, for symbol {@code symbol}.
     *
     * @param engine the engine
     * @param symbol the symbol
     * @param i the command index
     * @return the engine's result
     */
    ResultCode apply(io.cift.core.book.MatchingEngine engine, String symbol, int i) {
        switch (action[i]) {
            case NEW:
                return engine.submit(symbol, orderId[i], owner[i], SIDES[side[i]], TYPES[type[i]], TIFS[tif[i]],
                        price[i], qty[i], false);
            case CANCEL:
                return engine.cancel(symbol, orderId[i]);
            default:
                return engine.amend(symbol, orderId[i], price[i], qty[i]);
        }
    }

    /**
     * The workload path: system property {@code cift.workload}, else {@code bench-data/lob-2m.csv}
     * under the working directory or its parent.
     *
     * @return the path
     */
    static Path defaultPath() {
        String p = System.getProperty("cift.workload");
        if (p != null) {
            return Path.of(p);
        }
        Path here = Path.of("bench-data/lob-2m.csv");
        return Files.exists(here) ? here : Path.of("../bench-data/lob-2m.csv");
    }
}
