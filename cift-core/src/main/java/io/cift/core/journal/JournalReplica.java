package io.cift.core.journal;

import java.time.Duration;

/**
 * A copy of a durable engine's journal kept outside its process, in a store that replicates it (a
 * JetStream stream over a cluster, say): what a hot standby follows ({@link DurableEngine#standby}) and
 * what keeps a command the primary acknowledged as durable from being lost with the primary's machine.
 * With a replica, a command is durable once the local journal has it under the fsync policy <em>and</em>
 * the replica acknowledged it; only then are its events released to consumers.
 *
 * <p>Records are opaque bytes, one journal record each (its checksum included), numbered by the
 * engine's command sequence numbers, with no gap. The store must keep them in that order and refuse a
 * record unless the one before it is the last it holds: that refusal is what fences a returning old
 * primary off a stream that a promoted standby has moved on.
 *
 * <p><b>Threading:</b> {@link #append} is called by one thread at a time (the journal writer), in sequence
 * order; {@link #read} by one thread at a time; the other methods from any thread.
 */
public interface JournalReplica extends AutoCloseable {

    /**
     * Asks the store for its last record.
     *
     * @return the sequence number of the last record it holds, 0 when it holds none
     * @throws io.cift.core.CiftException when the store cannot be reached
     */
    long lastSequence();

    /**
     * Sends the next record without waiting for its acknowledgement (waiting only while too many are
     * unacknowledged), or holds it to send with others at the next {@link #flush()}. After a failure
     * ({@link #failure()}) it does nothing.
     *
     * @param sequence the record's sequence number, one more than the last appended or held
     * @param record the record's bytes, not changed afterwards
     */
    void append(long sequence, byte[] record);

    /**
     * Ends a batch: the records appended since the last call may go to the store together (the journal
     * writer calls it after each batch it writes, so a replica that batches sends nothing later than that).
     * The default does nothing.
     */
    default void flush() {
    }

    /**
     * @return the highest sequence number the store is known to hold, with every record before it:
     *         acknowledged appends, records read, and what it held when connected
     */
    long acknowledgedSequence();

    /**
     * @return why appending stopped for good (another writer moved the store on, or no acknowledgement came
     *         within the timeout), or null while it works
     */
    Throwable failure();

    /**
     * Reads records in order, starting at {@code from}, until {@code max} were read, the consumer said
     * stop, or none arrived within {@code wait}.
     *
     * @param from the first sequence number wanted
     * @param max how many records at most
     * @param wait how long to wait for the first one
     * @param consumer receives each record; returning false stops the read (that record counts as unread)
     * @return how many records the consumer took
     * @throws io.cift.core.CiftException when the store cannot be reached
     * @throws JournalException when the store no longer holds record {@code from}, or holds a gap
     */
    int read(long from, int max, Duration wait, RecordConsumer consumer);

    /** Stops appending and reading and lets go of the store. */
    @Override
    void close();

    /** Receives records read from a replica. */
    @FunctionalInterface
    interface RecordConsumer {
        /**
         * Takes one record.
         *
         * @param sequence its sequence number
         * @param record its bytes
         * @return true to go on, false to stop before this record
         */
        boolean accept(long sequence, byte[] record);
    }
}
