package io.cift.messaging;

import io.cift.core.journal.JournalReplica;
import io.cift.messaging.internal.NatsJournalReplica;

/**
 * A durable engine's journal replicated on a JetStream stream, for a hot standby
 * ({@link io.cift.core.journal.DurableEngine#standby}) and for commands that survive the primary's machine.
 * Give it a stream of its own (replicated three ways on a cluster), e.g.
 * {@code JetStreamConfig.builder().url(urls).stream("CIFT_JOURNAL_E1").subjectPrefix("cift.journal.e1").replicas(3)}:
 * the records go to subject {@code <prefix>.journal}, one message each, stream sequence number equal to the
 * command's sequence number, and the stream keeps every record (the configuration's age and size limits
 * are for order events and are not applied). Each append names the sequence number the stream must end at,
 * so a writer that another has overtaken (an old primary after a take-over) is refused and stops.
 * Used from the configuration: url, stream, subject prefix, replicas, duplicate window, max in flight (the
 * records sent and not yet acknowledged, at most), block timeout (how long records may go unacknowledged,
 * resent all the while, before the replica fails) and retry delay.
 */
public final class JetStreamJournal {

    private JetStreamJournal() {
    }

    /**
     * Connects, creating the stream when it is missing; an existing stream configured otherwise is refused.
     *
     * @param config the configuration; its stream must not be the order events' default stream
     * @return the replica, for {@link io.cift.core.journal.DurableEngineConfig.Builder#replica}
     * @throws io.cift.core.CiftException when the server is unreachable or the stream exists configured otherwise
     * @throws IllegalArgumentException when the stream is the order events' default one
     */
    public static JournalReplica replica(JetStreamConfig config) {
        return new NatsJournalReplica(config);
    }
}
