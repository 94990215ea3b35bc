package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.internal.SymbolRoutingEngine;
import io.cift.core.journal.EngineEventHandler;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.RecoveryReport;
import io.cift.core.journal.SnapshotInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Rebuilds an engine from a journal directory: the newest usable snapshot (checksum, name, restorable
 * orders and state hash all good, and accepted by the filter), then every journaled command after it.
 * A torn or damaged end of the last segment is cut (or, read-only, ignored); damage with valid records
 * after it is an error.
 */
public final class Recovery {

    /** What recovery produced. */
    public static final class Result {
        /** The engine holding the state of every journaled command. */
        public SymbolRoutingEngine engine;
        /** The books and, with a gate, the risk state. */
        EngineState state;
        /** The gate's clock after the last command (0 without a gate, or when nothing was recorded). */
        long lastClock;
        /** The report. */
        public RecoveryReport report;
        /** The segment to append to, or null when a new one must start at {@code lastSeq + 1}. */
        public Path appendSegment;
        /** Where to append in it. */
        public long appendPosition;
        /** The last journaled command. */
        public long lastSeq;
    }

    private Recovery() {
    }

    /**
     * Recovers.
     *
     * @param dir the journal directory
     * @param engineConfig the engine configuration (its listener is replaced by the sequencer)
     * @param gated whether a risk gate stands in front of the engine
     * @param sequencer numbers the replayed events and keeps the counters
     * @param filter which snapshots may be used
     * @param handler receives the events of replayed commands, or null
     * @param readOnly whether to leave the files as they are
     * @return the result
     * @throws IOException when a file cannot be read
     */
    static Result run(Path dir, MatchingEngineConfig engineConfig, boolean gated, Sequencer sequencer,
                      Predicate<SnapshotInfo> filter, EngineEventHandler handler, boolean readOnly) throws IOException {
        long t0 = System.nanoTime();
        List<String> skipped = new ArrayList<>();
        EngineState state = null;
        SnapshotInfo used = null;
        for (Path file : Snapshots.list(dir)) {
            Snapshots.Loaded s = Snapshots.read(file);
            if (s == null) {
                skipped.add(file.getFileName() + ": damaged (bad magic, name or checksum)");
                continue;
            }
            if (!filter.test(s.info)) {
                skipped.add(file.getFileName() + ": not wanted by the snapshot filter");
                continue;
            }
            EngineState candidate = new EngineState(engineConfig, sequencer, gated);
            try {
                s.restore(candidate, sequencer.counters);
            } catch (IllegalArgumentException e) {
                skipped.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            long hash = candidate.books.stateHash();
            if (hash != s.info.stateHash()) {
                skipped.add(file.getFileName() + ": restored state hash " + Long.toHexString(hash) + " is not the stored "
                        + Long.toHexString(s.info.stateHash()));
                continue;
            }
            state = candidate;
            used = s.info;
            break;
        }
        if (state == null) {
            state = new EngineState(engineConfig, sequencer, gated);
            EngineCounters c = sequencer.counters;
            c.commandSeq = 0;
            c.eventSeq = 0;
            c.tradeSeq = 0;
            c.volume = 0;
            c.rejects = 0;
        }
        long from = used == null ? 1 : used.sequence() + 1;
        List<Segments.Segment> segments = Segments.list(dir);
        Result r = new Result();
        r.state = state;
        r.engine = state.books;
        SymbolRoutingEngine engine = state.books;
        long lastSeq = 0;
        long cut = 0;
        String tailProblem = null;
        long replayed = 0;
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).firstSeq() <= from) {
                start = i;
            }
        }
        if (!segments.isEmpty() && segments.get(start).firstSeq() > from) {
            throw new JournalException("journal " + dir + " starts at command " + segments.get(start).firstSeq()
                    + " but recovery needs command " + from + " on (a segment file is missing)");
        }
        HandlerSink sink = handler == null ? null : new HandlerSink(handler, sequencer.symbols);
        sequencer.sink(sink);
        RecordCodec codec = new RecordCodec();
        EngineState target = state;
        long[] count = {0};
        try {
            long expectedFirst = -1;
            for (int i = start; i < segments.size(); i++) {
                Segments.Segment seg = segments.get(i);
                boolean last = i == segments.size() - 1;
                if (expectedFirst >= 0 && seg.firstSeq() != expectedFirst) {
                    throw new JournalException("journal segment " + seg.path() + " starts at command " + seg.firstSeq()
                            + " where " + expectedFirst + " was expected (a gap in the journal)");
                }
                Segments.ScanResult sr = Segments.scan(seg, (b, at, seq) -> {
                    if (seq >= from) {
                        sequencer.counters.commandSeq = seq;
                        codec.apply(b, at, target);
                        count[0]++;
                        if (sink != null && sink.failure != null) {
                            throw new JournalException("the recovery handler failed on command " + seq + ": "
                                    + sink.failure.getMessage(), sink.failure);
                        }
                    }
                });
                for (Segments.Damage d : sr.damages) {
                    if (d.lastLost() >= from) {
                        throw new JournalException("journal segment " + seg.path() + " is damaged at offset " + d.offset()
                                + " (commands " + d.firstLost() + " to " + d.lastLost() + " unreadable: " + d.problem()
                                + "), and valid records follow; no usable snapshot lies after the damage, so recovery"
                                + " cannot go past it");
                    }
                    skipped.add("journal damage in " + seg.path().getFileName() + " at offset " + d.offset()
                            + " (commands " + d.firstLost() + " to " + d.lastLost() + ") is covered by the snapshot");
                }
                if (sr.badHeader && last) {
                    // a segment whose creation a crash interrupted: it holds nothing
                    tailProblem = "segment " + seg.path().getFileName() + ": " + sr.problem;
                    cut += sr.fileLength;
                    if (!readOnly) {
                        Files.delete(seg.path());
                        JournalWriter.forceDirectory(dir);
                    }
                    break;
                }
                if (sr.damagedTail && !last) {
                    long nextFirst = segments.get(i + 1).firstSeq();
                    if (nextFirst - 1 >= from && nextFirst != sr.lastSeq + 1) {
                        throw new JournalException("journal segment " + seg.path() + " is damaged at offset " + sr.validEnd
                                + " (commands " + (sr.lastSeq + 1) + " to " + (nextFirst - 1) + " unreadable: " + sr.problem
                                + "), and later segments follow; recovery cannot go past it");
                    }
                    sr.lastSeq = nextFirst - 1;   // covered by the snapshot, or only junk after the last record
                } else if (sr.damagedTail) {
                    tailProblem = "segment " + seg.path().getFileName() + ": " + sr.problem;
                    cut += sr.dataEnd - sr.validEnd;
                    if (!readOnly) {
                        zero(seg.path(), sr.validEnd, sr.dataEnd);
                    }
                }
                lastSeq = sr.lastSeq;
                expectedFirst = sr.lastSeq + 1;
                r.appendSegment = seg.path();
                r.appendPosition = sr.validEnd;
            }
        } finally {
            sequencer.sink(null);
        }
        replayed = count[0];
        if (segments.isEmpty() || r.appendSegment == null && lastSeq == 0) {
            lastSeq = from - 1;
        }
        if (lastSeq < from - 1) {
            throw new JournalException("journal " + dir + " ends at command " + lastSeq + " but snapshot "
                    + (used == null ? "" : used.file().getFileName()) + " holds commands up to " + (from - 1));
        }
        sequencer.counters.commandSeq = lastSeq;
        r.lastSeq = lastSeq;
        r.lastClock = state.clock == null ? 0 : state.clock.now;
        r.report = new RecoveryReport(used, List.copyOf(skipped), replayed, lastSeq, readOnly ? 0 : cut, tailProblem,
                state.books.stateHash(), System.nanoTime() - t0);
        return r;
    }

    /** Overwrites a torn tail with zeros (keeping the preallocated length) and forces it. */
    private static void zero(Path file, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer z = java.nio.ByteBuffer.allocate(64 << 10);
            for (long at = from; at < to; ) {
                z.clear().limit((int) Math.min(z.capacity(), to - at));
                at += ch.write(z, at);
            }
            ch.force(true);
        }
    }

    /** Delivers replayed events to a handler through one reused slot. */
    private static final class HandlerSink implements Sequencer.Sink {
        private final EngineEventHandler handler;
        private final EventSlot slot;
        /** The handler's first failure (the engine contains listener failures, so it is carried out here). */
        Throwable failure;

        HandlerSink(EngineEventHandler handler, SymbolTable symbols) {
            this.handler = handler;
            this.slot = new EventSlot(symbols);
        }

        @Override
        public EventSlot claim() {
            return slot;
        }

        @Override
        public void publish() {
            if (failure != null) {
                return;
            }
            try {
                handler.onEvent(slot, false);
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
