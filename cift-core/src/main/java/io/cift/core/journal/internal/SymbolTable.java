package io.cift.core.journal.internal;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Symbols by small int id, for event and journal slots that hold no references. Ids are assigned on the
 * matching thread; the name and UTF-8 arrays are republished (copy on write) before any slot carrying a
 * new id is, so a consumer that sees the id sees the name and its bytes.
 */
final class SymbolTable {
    /** The engine's id, set once before any event is handed off. */
    volatile String engineId = "";
    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(-1);
    private volatile String[] names = new String[16];
    private volatile byte[][] utf8 = new byte[16][];
    private int size;
    private String lastSymbol;
    private int lastId = -1;

    /** The id of a symbol, assigned on first use. Matching thread only. */
    int id(String symbol) {
        int id = known(symbol);
        return id >= 0 ? id : add(symbol, symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The id of a symbol a journal record can hold, assigned on first use; -1 (and nothing kept) for a blank
     * one or one longer than {@link RecordCodec#MAX_SYMBOL_BYTES} UTF-8 bytes. A symbol is checked once, when
     * it is first seen, not on every command. Matching thread only.
     */
    int journalId(String symbol) {
        int id = known(symbol);
        if (id >= 0) {
            return id;
        }
        if (symbol.isBlank()) {
            return -1;
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
        String[] n = names;
        if (id == n.length) {
            n = Arrays.copyOf(n, n.length * 2);
        } else {
            n = n.clone();
        }
        n[id] = symbol;
        byte[][] u = Arrays.copyOf(utf8, n.length);
        u[id] = bytes;
        utf8 = u;
        names = n;
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
