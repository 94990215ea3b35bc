package io.cift.core.journal.internal;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Symbols by small int id, for event and journal slots that hold no references. Ids are assigned on the
 * matching thread, which stores a new id's name and bytes (into arrays republished when they grow) before it
 * publishes any slot carrying the id, so a consumer that sees the id sees the name and its bytes.
 */
final class SymbolTable {
    /** {@link #journalId} of a symbol the table has no room for. */
    static final int FULL = -2;
    /** The engine's id, set once before any event is handed off. */
    volatile String engineId = "";
    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(-1);
    private volatile String[] names = new String[16];
    private volatile byte[][] utf8 = new byte[16][];
    private int size;
    /** Symbols {@link #journalId} takes at most; {@link #id} is not bounded (it follows what was journaled). */
    private int limit = Integer.MAX_VALUE;
    private String lastSymbol;
    private int lastId = -1;

    /** The id of a symbol, assigned on first use. Matching thread only. */
    int id(String symbol) {
        int id = known(symbol);
        return id >= 0 ? id : add(symbol, symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Bounds the symbols {@link #journalId} takes. Before the engine takes commands. */
    void limit(int max) {
        this.limit = max;
    }

    /** @return how many symbols have an id */
    int size() {
        return size;
    }

    /**
     * The id of a symbol a journal record can hold, assigned on first use; -1 (and nothing kept) for a blank
     * one or one longer than {@link RecordCodec#MAX_SYMBOL_BYTES} UTF-8 bytes, {@link #FULL} for a new one when
     * the table holds its limit. A symbol is checked once, when it is first seen, not on every command.
     * Matching thread only.
     */
    int journalId(String symbol) {
        int id = known(symbol);
        if (id >= 0) {
            return id;
        }
        if (symbol.isBlank()) {
            return -1;
        }
        if (size >= limit) {
            return FULL;
        }
        byte[] b = symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length > RecordCodec.MAX_SYMBOL_BYTES ? -1 : add(symbol, b);
    }

    /** @return the symbol's id, or -1 when it has none yet */
    private int known(String symbol) {
        if (symbol == lastSymbol) {
            return lastId;
        }
        int id = ids.getValue(symbol);
        if (id >= 0) {
            lastSymbol = symbol;
            lastId = id;
        }
        return id;
    }

    private int add(String symbol, byte[] bytes) {
        int id = size++;
        if (id == names.length) {   // grows by doubling: a copy per new symbol made n symbols cost n^2 / 2
            utf8 = Arrays.copyOf(utf8, id * 2);
            names = Arrays.copyOf(names, id * 2);
        }
        // a slot never carries an id before the id's entries are stored: the ring's publish makes them visible
        utf8[id] = bytes;
        names[id] = symbol;
        ids.put(symbol, id);
        lastSymbol = symbol;
        lastId = id;
        return id;
    }

    /** The UTF-8 bytes of an id's name. Any thread. */
    byte[] bytes(int id) {
        return utf8[id];
    }

    /** The name of an id. Any thread. */
    String name(int id) {
        return names[id];
    }
}
