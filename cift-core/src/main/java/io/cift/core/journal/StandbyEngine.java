package io.cift.core.journal;

import java.time.Duration;
import java.util.Optional;

/**
 * A hot standby: a durable engine, in its own directory, that follows a primary's
 * {@link JournalReplica} and applies every command as it arrives, journaling it locally under the same
 * sequence number and taking snapshots at the same points, so that its state hash equals the primary's
 * after every command. It takes no commands of its own until {@link #promote promoted}.
 *
 * <p>Its asynchronous consumers get the events of the commands it applies, as the primary's do: give it
 * consumers that tolerate seeing an event twice (the JetStream publisher drops duplicates by event id),
 * or none until promotion.
 *
 * <p><b>Threading:</b> it follows on a thread of its own; every method may be called from any thread,
 * and the engine {@link #promote} returns belongs to the thread that uses it from then on.
 */
public interface StandbyEngine extends AutoCloseable {

    /** @return the engine's id (the primary's: event ids continue across a take-over) */
    String engineId();

    /** @return the sequence number of the last command applied so far */
    long appliedSequence();

    /**
     * Waits until a command is applied.
     *
     * @param sequence the command's sequence number
     * @param timeout how long to wait at most
     * @return true when it was applied, false when the time ran out
     * @throws JournalException when following failed for good
     */
    boolean awaitApplied(long sequence, Duration timeout);

    /**
     * @return why following stopped for good (a damaged record, a gap, a record the engine refused to
     *         journal), or empty; an unreachable store is retried, not a failure
     */
    Optional<Throwable> failure();

    /**
     * Takes over: stops following, applies every record the replica holds now, and returns the engine,
     * which from then on appends its commands to the replica. Call it once the primary is gone; should the
     * old primary append again after all, the replica refuses whichever of the two appends second, and
     * that engine stops taking commands ({@link DurableEngine#journalFailure()}).
     *
     * @param timeout how long catching up may take
     * @return the engine, taking commands
     * @throws JournalException when following had failed, or catching up did not finish in time
     */
    DurableEngine promote(Duration timeout);

    /** Stops following and closes the engine (unless promoted: the engine is then the caller's to close). */
    @Override
    void close();
}
