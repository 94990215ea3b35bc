package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.internal.ContainedListener;
import io.cift.core.book.internal.StateHash;
import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.risk.NanoClock;
import io.cift.core.risk.QuoteSource;
import io.cift.core.risk.internal.ArrayRiskCalculator;
import io.cift.core.risk.internal.GatedMatchingEngine;
import io.cift.core.risk.internal.LimitsCodec;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything a durable engine recovers: the books, and with a risk gate the calculator, the gate in front
 * and the clock its throttle reads (set to the journaled value before each command, live or replayed).
 * Single writer.
 */
final class EngineState implements RecordCodec.Target {

    /** The gate's clock: whatever was set last. */
    static final class SetClock implements NanoClock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    final SymbolRoutingEngine books;
    final ArrayRiskCalculator risk;
    final GatedMatchingEngine gate;
    final SetClock clock;

    /**
     * Creates an empty state.
     *
     * @param config the engine configuration (its listener is replaced)
     * @param sequencer the engine's own listener
     * @param gated whether a risk gate stands in front
     */
    EngineState(MatchingEngineConfig config, Sequencer sequencer, boolean gated) {
        // no bound here: the durable engine bounds the symbols before it journals a command, and a journal
        // replayed under a lower bound than it was written with must still recover every book it names
        this.books = new SymbolRoutingEngine(config.toBuilder().listener(sequencer).maxSymbols(Integer.MAX_VALUE).build());
        if (gated) {
            this.clock = new SetClock();
            QuoteSource quotes = GatedMatchingEngine.quotesOf();
            this.risk = new ArrayRiskCalculator(clock, quotes);
            GatedMatchingEngine.bind(quotes, books);
            sequencer.state(risk.listener());
            this.gate = new GatedMatchingEngine(risk, books, new ContainedListener(sequencer, config.listenerFailureHandler()));
        } else {
            this.clock = null;
            this.risk = null;
            this.gate = null;
            sequencer.state(io.cift.core.book.OrderBookListener.NO_OP);
        }
    }

    @Override
    public MatchingEngine commands() {
        return gate != null ? gate : books;
    }

    @Override
    public void clock(long nanos) {
        if (clock != null) {
            clock.now = nanos;
        }
    }

    @Override
    public void admin(int kind, String symbol, byte[] payload) {
        if (risk == null) {
            throw new IllegalStateException("a risk limit change in the journal of an engine without a risk gate");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            switch (kind) {
                case RecordCodec.ADMIN_ACCOUNT_LIMITS -> risk.setAccountLimits(in.readLong(), LimitsCodec.readAccountLimits(in));
                case RecordCodec.ADMIN_INSTRUMENT_LIMITS -> risk.setInstrumentLimits(in.readLong(), symbol,
                        LimitsCodec.readInstrumentLimits(in));
                case RecordCodec.ADMIN_KILL_SWITCH -> risk.setKillSwitch(in.readLong(), in.readBoolean());
                case RecordCodec.ADMIN_GLOBAL_KILL -> risk.setGlobalKillSwitch(in.readBoolean());
                default -> throw new IllegalArgumentException("unknown administrative record kind " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a damaged administrative record", e);
        }
    }

    /** @return the books' state hash, folded with the gate's when there is one */
    long stateHash() {
        long h = books.stateHash();
        return risk == null ? h : StateHash.add(h, risk.stateHash());
    }
}
