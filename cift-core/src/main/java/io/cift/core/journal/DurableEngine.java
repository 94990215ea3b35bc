package io.cift.core.journal;

import io.cift.core.book.MatchingEngine;
import io.cift.core.book.ResultCode;
import io.cift.core.journal.internal.JournaledEngine;
import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.RiskReason;
import io.cift.core.risk.RiskView;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link MatchingEngine} whose every command is journaled, whose state is snapshotted, and which
 * recovers exactly after a crash.
 *
 * <p><b>Commands.</b> Each command gets the next journal sequence number and is queued for the journal
 * before the book sees it; the matching thread then matches in memory while the journal's writer thread
 * appends and forces the queued commands in batches (group commit). The matching thread does no I/O.
 * A command the engine cannot journal is refused with {@link ResultCode#INVALID_SYMBOL},
 * {@link ResultCode#JOURNAL_UNAVAILABLE} or {@link ResultCode#CONSUMERS_BEHIND}, untouched, with no event; so is
 * a command naming one symbol more than the journal may name ({@link ResultCode#TOO_MANY_SYMBOLS}: the engine's
 * {@link io.cift.core.book.MatchingEngineConfig#maxSymbols()}, plus its fixed symbols if it has a list; every
 * symbol a command names counts, a cancel's too).
 *
 * <p><b>Events.</b> The configured synchronous listener runs on the matching thread (contained, as in
 * every engine). Asynchronous consumers ({@link DurableEngineConfig.Builder#consumer}) get every event
 * through a preallocated ring (the LMAX Disruptor), each on its own thread, and only once the command
 * that produced it is durable: nothing a consumer sees can be lost by a crash. Events are numbered by
 * the engine ({@link EngineEvent#eventSequence()}) and the numbering survives restarts.
 *
 * <p><b>Recovery.</b> {@link #open} loads the newest valid snapshot (an older one when the newest is
 * damaged), checks its state hash, replays the journal after it, and cuts a torn or damaged last record
 * off the journal's end. Damage followed by valid records is not cut: it fails the opening with a
 * {@link JournalException} naming the file and offset, unless a snapshot after the damage lets recovery
 * skip it. Replay is deterministic: a recovered engine, fed the rest of the commands, produces exactly
 * the events an uninterrupted one does.
 *
 * <p><b>Replication.</b> With a {@link JournalReplica} ({@link DurableEngineConfig.Builder#replica}) the
 * writer also sends every record to a replicated store, a command is durable only once that store has
 * acknowledged it, and a {@link #standby standby} in another process follows the store and takes over.
 *
 * <p><b>Threading:</b> single writer, like every engine: commands, {@link #snapshot()} and queries from
 * one thread. {@link #durableSequence()}, {@link #awaitDurable} and the counters may be called from any
 * thread. {@link #close()} from the matching thread, after its last command.
 *
 * <p><b>Allocation:</b> none per command in steady state (snapshots allocate their bytes).
 */
public interface DurableEngine extends MatchingEngine, AutoCloseable {

    /**
     * Opens (creating when missing) the journal directory, recovers, and starts the writer and the consumers.
     *
     * @param config the configuration
     * @return the engine, holding the state of every journaled command
     * @throws JournalException when the journal cannot be recovered or another engine holds the directory
     */
    static DurableEngine open(DurableEngineConfig config) {
        return new JournaledEngine(config);
    }

    /**
     * Opens a hot standby: an engine in its own directory that follows the replica of the configuration
     * ({@link DurableEngineConfig.Builder#replica}) and takes over with {@link StandbyEngine#promote}.
     *
     * @param config the configuration: the primary's matching rules, risk gate and engine id, a directory
     *               of the standby's own, and the primary's replica
     * @return the standby, following
     * @throws JournalException when the journal cannot be recovered or differs from the replica
     * @throws IllegalArgumentException when the configuration has no replica
     */
    static StandbyEngine standby(DurableEngineConfig config) {
        return new io.cift.core.journal.internal.StandbyFollower(config);
    }

    /** @return the engine's id, stored in the journal; event ids are {@code engineId-eventSequence} */
    String engineId();

    /** @return the sequence number of the last command journaled (queued) so far: the number of commands */
    long lastSequence();

    /** @return the highest command sequence number that is durable under the fsync policy */
    long durableSequence();

    /**
     * Waits until a command is durable.
     *
     * @param sequence the command's sequence number
     * @param timeout how long to wait at most
     * @return true when it is durable, false when the time ran out
     * @throws JournalException when the journal writer failed before it was durable
     */
    boolean awaitDurable(long sequence, Duration timeout);

    /**
     * Takes a snapshot now and waits until its file is written (after the journal is durable up to it).
     *
     * @return what it holds
     * @throws JournalException when it cannot be written
     */
    SnapshotInfo snapshot();

    /** @return what recovery did when the engine opened */
    RecoveryReport recovery();

    /** @return events produced so far, over the engine's whole history */
    long events();

    /** @return trades so far, over the engine's whole history */
    long trades();

    /** @return quantity traded so far, over the engine's whole history (saturating) */
    long volume();

    /** @return commands the engine rejected so far (journaled ones, over the engine's whole history) */
    long rejects();

    /**
     * Rejected commands with one result code, since the engine opened (the commands recovery replayed
     * included); read without synchronization, so a value may lag the matching thread slightly.
     *
     * @param reason the result code
     * @return the count
     */
    long rejects(ResultCode reason);

    /**
     * Timings for monitoring (read without synchronization, so values may lag slightly).
     *
     * @return the sampled matching time and the journal's forces
     */
    EngineTimings timings();

    /** @return events dropped under {@link LagPolicy#DROP} since the engine opened */
    long eventsDropped();

    /** @return consumer calls that threw since the engine opened */
    long consumerFailures();

    /** @return why the journal writer stopped, if it failed */
    Optional<Throwable> journalFailure();

    // ---- the risk gate (DurableEngineConfig.Builder.riskGate): every change below is journaled

    /**
     * The risk gate's state, read-only: positions, open orders, exposure, the last refusal.
     *
     * @return the view, or empty when the engine has no risk gate
     */
    Optional<RiskView> risk();

    /**
     * Why the gate refused the last command it refused.
     *
     * @return the reason, or {@code PASSED} when nothing was refused yet
     * @throws IllegalStateException when the engine has no risk gate
     */
    RiskReason lastRiskReason();

    /**
     * Sets (or replaces) an account's limits; journaled, so recovery restores them.
     *
     * @param account the account (the orders' owner id)
     * @param limits the limits
     * @throws IllegalStateException when the engine has no risk gate
     * @throws JournalException when the journal cannot take the change
     */
    void setAccountLimits(long account, AccountLimits limits);

    /**
     * Sets an account's overrides for one instrument; journaled.
     *
     * @param account the account, already given limits
     * @param symbol the instrument
     * @param limits the overrides
     * @throws IllegalStateException when the engine has no risk gate or the account no limits
     * @throws JournalException when the journal cannot take the change
     */
    void setInstrumentLimits(long account, String symbol, InstrumentLimits limits);

    /**
     * Turns an account's kill switch on or off; journaled.
     *
     * @param account the account, already given limits
     * @param on the state
     * @throws IllegalStateException when the engine has no risk gate or the account no limits
     */
    void setKillSwitch(long account, boolean on);

    /**
     * Turns the global kill switch on or off; journaled.
     *
     * @param on the state
     * @throws IllegalStateException when the engine has no risk gate
     */
    void setGlobalKillSwitch(boolean on);

    /**
     * Turns an account's kill switch on and optionally cancels its open orders (each cancel a journaled
     * command with {@code CancelReason.KILL_SWITCH}).
     *
     * @param account the account
     * @param cancelOpenOrders whether to cancel its open orders too
     * @return how many orders were cancelled
     */
    int killAccount(long account, boolean cancelOpenOrders);

    /**
     * Turns the global kill switch on and optionally cancels every open order the gate knows.
     *
     * @param cancelOpenOrders whether to cancel open orders too
     * @return how many orders were cancelled
     */
    int killAll(boolean cancelOpenOrders);

    /**
     * Stops taking commands, writes and forces what is queued, lets every consumer finish the durable
     * events, and releases the directory.
     */
    @Override
    void close();
}
