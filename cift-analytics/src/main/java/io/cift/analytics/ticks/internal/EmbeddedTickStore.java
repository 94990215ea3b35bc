package io.cift.analytics.ticks.internal;

import io.cift.analytics.InvalidDataException;
import io.cift.analytics.ticks.Bar;
import io.cift.analytics.ticks.BarInterval;
import io.cift.analytics.ticks.Tick;
import io.cift.analytics.ticks.TickStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory tick store: per symbol, columns kept sorted by timestamp (equal timestamps in arrival
 * order). Writes are confirmed at once; a batch becomes visible as a whole under one lock. Reads run
 * concurrently with each other. Thread-safe.
 */
public final class EmbeddedTickStore implements TickStore {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Series> series = new HashMap<>();
    private long confirmed;
    private boolean closed;

    @Override
    public String backend() {
        return "embedded";
    }

    @Override
    public void write(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        lock.writeLock().lock();
        try {
            checkOpen();
            series.computeIfAbsent(tick.symbol(), s -> new Series()).add(tick);
            confirmed++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void write(List<Tick> ticks) {
        checkElements(ticks);
        lock.writeLock().lock();
        try {
            checkOpen();
            for (Tick t : ticks) {
                series.computeIfAbsent(t.symbol(), s -> new Series()).add(t);
            }
            confirmed += ticks.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    static void checkElements(List<Tick> ticks) {
        Objects.requireNonNull(ticks, "ticks");
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i) == null) {
                throw new InvalidDataException(i + 1, "tick: must not be null");
            }
        }
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public long confirmed() {
        lock.readLock().lock();
        try {
            return confirmed;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Tick> ticks(String symbol, Instant from, Instant to) {
        long[] r = Ranges.range(from, to);
        lock.readLock().lock();
        try {
            Series s = series.get(Objects.requireNonNull(symbol, "symbol"));
            List<Tick> out = new ArrayList<>();
            if (s != null) {
                for (int i = s.lowerBound(r[0]), end = s.lowerBound(r[1]); i < end; i++) {
                    out.add(s.tick(symbol, i));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to) {
        Objects.requireNonNull(interval, "interval");
        long[] r = Ranges.range(from, to);
        lock.readLock().lock();
        try {
            Series s = series.get(Objects.requireNonNull(symbol, "symbol"));
            List<Bar> out = new ArrayList<>();
            if (s == null) {
                return out;
            }
            int end = s.lowerBound(r[1]);
            int i = s.lowerBound(r[0]);
            while (i < end) {
                long start = interval.barStart(s.ts[i]);
                long barEnd = start + interval.micros();
                double open = s.last[i];
                double high = open;
                double low = open;
                double close = open;
                double volume = 0;
                double notional = 0;
                long n = 0;
                for (; i < end && s.ts[i] < barEnd; i++) {
                    double px = s.last[i];
                    high = Math.max(high, px);
                    low = Math.min(low, px);
                    close = px;
                    volume += s.lastSize[i];
                    notional += px * s.lastSize[i];
                    n++;
                }
                out.add(new Bar(start, open, high, low, close, volume, volume == 0 ? Double.NaN : notional / volume, n));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<String, Tick> latest(Collection<String> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        lock.readLock().lock();
        try {
            Map<String, Tick> out = new LinkedHashMap<>();
            for (String sym : symbols) {
                Series s = series.get(Objects.requireNonNull(sym, "symbol"));
                if (s != null && s.size > 0) {
                    out.put(sym, s.tick(sym, s.size - 1));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public OptionalDouble vwap(String symbol, Instant from, Instant to) {
        long[] r = Ranges.range(from, to);
        lock.readLock().lock();
        try {
            Series s = series.get(Objects.requireNonNull(symbol, "symbol"));
            if (s == null) {
                return OptionalDouble.empty();
            }
            double volume = 0;
            double notional = 0;
            for (int i = s.lowerBound(r[0]), end = s.lowerBound(r[1]); i < end; i++) {
                volume += s.lastSize[i];
                notional += s.last[i] * s.lastSize[i];
            }
            return volume == 0 ? OptionalDouble.empty() : OptionalDouble.of(notional / volume);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            series.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tick store is closed");
        }
    }

    /** One symbol's ticks as sorted columns. */
    private static final class Series {
        long[] ts = new long[16];
        double[] bid = new double[16];
        double[] ask = new double[16];
        double[] bidSize = new double[16];
        double[] askSize = new double[16];
        double[] last = new double[16];
        double[] lastSize = new double[16];
        int size;

        void add(Tick t) {
            if (size == ts.length) {
                int n = size * 2;
                ts = java.util.Arrays.copyOf(ts, n);
                bid = java.util.Arrays.copyOf(bid, n);
                ask = java.util.Arrays.copyOf(ask, n);
                bidSize = java.util.Arrays.copyOf(bidSize, n);
                askSize = java.util.Arrays.copyOf(askSize, n);
                last = java.util.Arrays.copyOf(last, n);
                lastSize = java.util.Arrays.copyOf(lastSize, n);
            }
            long at = t.timestampMicros();
            int pos = size == 0 || at >= ts[size - 1] ? size : lowerBound(at + 1);   // after equal timestamps
            if (pos < size) {
                int move = size - pos;
                System.arraycopy(ts, pos, ts, pos + 1, move);
                System.arraycopy(bid, pos, bid, pos + 1, move);
                System.arraycopy(ask, pos, ask, pos + 1, move);
                System.arraycopy(bidSize, pos, bidSize, pos + 1, move);
                System.arraycopy(askSize, pos, askSize, pos + 1, move);
                System.arraycopy(last, pos, last, pos + 1, move);
                System.arraycopy(lastSize, pos, lastSize, pos + 1, move);
            }
            ts[pos] = at;
            bid[pos] = t.bid();
            ask[pos] = t.ask();
            bidSize[pos] = t.bidSize();
            askSize[pos] = t.askSize();
            last[pos] = t.last();
            lastSize[pos] = t.lastSize();
            size++;
        }

        /** The first index whose timestamp is at least {@code t}. */
        int lowerBound(long t) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        Tick tick(String symbol, int i) {
            return new Tick(symbol, ts[i], bid[i], ask[i], bidSize[i], askSize[i], last[i], lastSize[i]);
        }
    }
}
