package io.cift.core.journal.internal;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.journal.Journal;
import io.cift.core.journal.JournalCommand;
import io.cift.core.journal.JournalException;
import io.cift.core.journal.JournalInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The implementation of {@link Journal}: scans that change no file. */
public final class ReadOnlyJournal {

    private ReadOnlyJournal() {
    }

    /**
     * See {@link Journal#read}.
     *
     * @param dir the directory
     * @param from the first command wanted
     * @param consumer receives the commands
     * @return the last command read
     */
    public static long read(Path dir, long from, Consumer<JournalCommand> consumer) {
        try {
            List<Segments.Segment> segments = Segments.list(dir);
            RecordCodec codec = new RecordCodec();
            long last = 0;
            for (int i = 0; i < segments.size(); i++) {
                Segments.Segment seg = segments.get(i);
                boolean isLast = i == segments.size() - 1;
                if (!isLast && segments.get(i + 1).firstSeq() <= from) {
                    continue;
                }
                if (last > 0 && seg.firstSeq() != last + 1) {
                    throw new JournalException("journal segment " + seg.path() + " starts at command " + seg.firstSeq()
                            + " where " + (last + 1) + " was expected (a gap in the journal)");
                }
                if (last == 0 && seg.firstSeq() > from) {
                    throw new JournalException("journal " + dir + " starts at command " + seg.firstSeq() + ", not " + from);
                }
                Segments.ScanResult r = Segments.scan(seg, (b, at, seq) -> {
                    if (seq >= from) {
                        JournalCommand c = codec.decode(b, at);
                        if (c != null) {
                            consumer.accept(c);
                        }
                    }
                });
                for (Segments.Damage d : r.damages) {
                    if (d.lastLost() >= from) {
                        throw new JournalException("journal segment " + seg.path() + " is damaged at offset " + d.offset()
                                + " (commands " + d.firstLost() + " to " + d.lastLost() + " unreadable: " + d.problem() + ")");
                    }
                }
                if (r.damagedTail && !isLast && segments.get(i + 1).firstSeq() != r.lastSeq + 1) {
                    throw new JournalException("journal segment " + seg.path() + " is damaged at offset " + r.validEnd
                            + " (commands " + (r.lastSeq + 1) + " on unreadable: " + r.problem + ")");
                }
                last = r.lastSeq;
            }
            return last;
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + ": " + e, e);
        }
    }

    /**
     * See {@link Journal#info}.
     *
     * @param dir the directory
     * @return the summary
     */
    public static JournalInfo info(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                throw new JournalException("no journal directory " + dir);
            }
            List<Segments.Segment> segments = Segments.list(dir);
            long bytes = 0;
            for (Segments.Segment s : segments) {
                bytes += Files.size(s.path());
            }
            long commands = 0;
            long tail = 0;
            if (!segments.isEmpty()) {
                Segments.ScanResult r = Segments.scan(segments.get(segments.size() - 1), null);
                commands = r.lastSeq;
                tail = r.badHeader ? r.fileLength : r.dataEnd - r.validEnd;
                if (r.badHeader && segments.size() > 1) {
                    commands = Segments.scan(segments.get(segments.size() - 2), null).lastSeq;
                }
            }
            int valid = 0;
            long newest = 0;
            for (Path p : Snapshots.list(dir)) {
                bytes += Files.size(p);
                Snapshots.Loaded s = Snapshots.read(p);
                if (s != null) {
                    valid++;
                    newest = Math.max(newest, s.info.sequence());
                }
            }
            if (segments.isEmpty()) {
                commands = newest;
            }
            JournalMeta meta = JournalMeta.read(dir);
            return new JournalInfo(meta == null ? null : meta.engineId(), commands, segments.size(), valid, newest, bytes, tail);
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + dir + ": " + e, e);
        }
    }

    /**
     * See {@link Journal#snapshots}.
     *
     * @param dir the directory
     * @return the valid snapshots, newest first
     */
    public static List<io.cift.core.journal.SnapshotInfo> snapshots(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JournalException("no journal directory " + dir);
        }
        try {
            List<io.cift.core.journal.SnapshotInfo> out = new java.util.ArrayList<>();
            for (Path p : Snapshots.list(dir)) {
                Snapshots.Loaded s = Snapshots.read(p);
                if (s != null) {
                    out.add(s.info);
                }
            }
            return out;
        } catch (IOException e) {
            throw new JournalException("cannot read the snapshots of " + dir + ": " + e, e);
        }
    }

    /**
     * See {@link Journal#recover}.
     *
     * @param dir the directory
     * @return the recovered engine
     */
    public static Journal.Recovered recover(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JournalException("no journal directory " + dir);
        }
        try {
            JournalMeta meta = JournalMeta.read(dir);
            MatchingEngineConfig config = meta == null ? MatchingEngineConfig.defaults() : meta.engineConfig();
            Recovery.Result r = Recovery.run(dir, config, meta != null && meta.riskGate(), new Sequencer(new EngineCounters()),
                    s -> true, null, true);
            return new Journal.Recovered(r.engine, r.report);
        } catch (IOException e) {
            throw new JournalException("cannot recover journal " + dir + ": " + e, e);
        }
    }
}
