package io.cift.examples.cli;

import io.cift.core.journal.DurableEngine;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.OrderBook;
import io.cift.core.book.OrderBookListener;
import io.cift.core.book.PriceLevel;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code cift demo}: a short simulated session of random traders on embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a short simulated session of random traders on the order book (no infrastructure needed)"
                + " and prints the trades, the final L2 book and the throughput.")
final class DemoCommand implements Callable<Integer> {

    /** The most commands a demo sends: it keeps its session in memory (about a kilobyte a command with its analytics). */
    static final int MAX_COMMANDS = 1_000_000;

    @Option(names = "--orders", defaultValue = "2000",
            description = "Commands to send, at most 1000000 (default: ${DEFAULT-VALUE}; 'cift replay' streams longer flows).")
    int commands;

    @Option(names = "--traders", defaultValue = "8", description = "Number of traders (default: ${DEFAULT-VALUE}).")
    int traders;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--symbol", defaultValue = "CIFT", description = "Instrument symbol (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--show-trades", defaultValue = "20", description = "Trades to print (default: ${DEFAULT-VALUE}).")
    int showTrades;

    @Option(names = "--depth", defaultValue = "5", description = "Levels per side to print (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--nats", paramLabel = "URL", description = "Publish the order events to NATS JetStream, e.g. nats://127.0.0.1:4222.")
    String nats;

    @Option(names = "--feed", description = "With --nats: also publish the order feed (SBE on NATS subjects --feed-prefix.>),"
            + " which 'cift feed watch' follows.")
    boolean feedOn;

    @Option(names = "--feed-prefix", defaultValue = "cift.feed", paramLabel = "PREFIX",
            description = "With --feed: the feed's subject prefix (default: ${DEFAULT-VALUE}).")
    String feedPrefix;

    @Option(names = "--redis", paramLabel = "URL", description = "Cache the analytics in Redis, e.g. redis://127.0.0.1:6379.")
    String redis;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings: cift.nats.* and cift.redis.url, cift.cache.* (the options win over the file, the file over the environment).")
    java.nio.file.Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The simulated session opens at 2026-01-05T14:30:00Z. */
    private static final long SESSION_OPEN_MICROS = 1_767_623_400_000_000L;

    private record Trade(long taker, long takerOwner, long maker, long makerOwner, Side takerSide, long price, long qty) { }

    @Override
    public Integer call() throws java.io.IOException {
        // one settings model: the options, then --config, then the environment (CIFT_NATS_URL, ...)
        io.cift.core.config.CiftSettings settings;
        try {
            settings = io.cift.core.config.CiftSettings.load(config);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (nats != null) {
            settings = settings.with("cift.nats.url", nats);
        }
        if (redis != null) {
            settings = settings.with("cift.redis.url", redis);
        }
        String natsUrl = settings.get("cift.nats.url").orElse(null);
        if (feedOn && natsUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feed needs --nats (or cift.nats.url)");
        }
        String redisUrl = settings.get("cift.redis.url").orElse(null);
        io.cift.messaging.JetStreamConfig jetStream = io.cift.messaging.JetStreamConfig.fromSettings(settings).build();
        String stream = jetStream.stream();
        io.cift.cache.AnalyticsCache cache;
        try {
            cache = io.cift.cache.AnalyticsCache.fromSettings(settings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), (redis != null ? "--redis: " : "") + e.getMessage());
        }
        io.cift.messaging.OrderEventPublisher events;
        try {
            events = natsUrl != null ? io.cift.messaging.JetStreamOrderEvents.connect(jetStream)
                    : io.cift.messaging.OrderEventPublisher.inProcess(0);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
        io.cift.messaging.FeedPublisher feedPublisher = null;
        if (feedOn) {
            try {
                feedPublisher = io.cift.messaging.FeedPublisher.nats(natsUrl, feedPrefix);
            } catch (RuntimeException e) {
                events.close();
                cache.close();
                throw e instanceof IllegalArgumentException ? new CommandLine.ParameterException(spec.commandLine(),
                        "--feed-prefix: " + e.getMessage()) : e;
            }
        }
        this.feedPublisher = feedPublisher;
        try (events; cache) {
            return run(events, cache, natsUrl == null ? "in-process" : "jetstream " + io.cift.core.Redact.text(natsUrl) + " stream " + stream,
                    redisUrl == null ? "in-process" : "redis " + io.cift.core.Redact.text(redisUrl));
        } finally {
            if (feedPublisher != null) {
                feedPublisher.close();
            }
        }
    }

    /** The feed's publisher (with --feed), else null. */
    private io.cift.messaging.FeedPublisher feedPublisher;

    private int run(io.cift.messaging.OrderEventPublisher events, io.cift.cache.AnalyticsCache cache, String eventsWhere,
                    String cacheWhere) {
        requirePositive("--orders", commands);
        if (commands > MAX_COMMANDS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--orders must be at most " + MAX_COMMANDS
                    + " (the demo keeps its session in memory; 'cift replay' streams longer flows), got " + commands);
        }
        requirePositive("--traders", traders);
        if (showTrades < 0 || depth < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--show-trades and --depth must not be negative");
        }
        List<Trade> trades = new ArrayList<>();
        long[] counts = new long[3]; // volume, cancels, rejects
        OrderBookListener listener = new OrderBookListener() {
            @Override
            public void onTrade(String s, long taker, long takerOwner, long maker, long makerOwner, Side side,
                                long price, long qty, long takerLeft, long makerLeft) {
                trades.add(new Trade(taker, takerOwner, maker, makerOwner, side, price, qty));
                counts[0] += qty;
            }
        };
        // the session's trades become trade ticks on a simulated clock: one command every 250 ms from the open
        long[] clock = {SESSION_OPEN_MICROS};
        io.cift.analytics.ticks.TickStore ticks = io.cift.analytics.ticks.TickStore.embedded();
        io.cift.analytics.ticks.TradeTickRecorder recorder =
                new io.cift.analytics.ticks.TradeTickRecorder(ticks, 1, 1, () -> clock[0]);
        // a durable engine on a journal of its own: every run is a new engine id, so its events never collide
        // with another run's on a shared stream, and the publisher runs off the matching thread
        java.nio.file.Path journal;
        try {
            journal = java.nio.file.Files.createTempDirectory("cift-demo-journal-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the demo's journal directory", e);
        }
        DurableEngineConfig.Builder config = DurableEngineConfig.builder(journal)
                .engine(MatchingEngineConfig.builder().symbols(symbol).selfTradePrevention(SelfTradePrevention.CANCEL_RESTING)
                        .listener(OrderBookListener.both(listener, recorder)).build())
                .fsync(FsyncPolicy.NONE).snapshotEvery(0)
                .consumer("events", events.asConsumer());
        io.cift.core.feed.OrderFeed feed = null;
        if (feedPublisher != null) {
            // the feed is made by a journal follower on its own thread (the matching thread hands it no event);
            // a snapshot every 1,000 commands and on request
            feed = new io.cift.core.feed.OrderFeed(feedPublisher, 1_000);
            feedPublisher.serveSnapshotRequests(feed);
            config.follower("feed", feed.handler());
        }
        DurableEngine engine = DurableEngine.open(config.build());
        int rc;
        try {
            rc = session(engine, events, cache, eventsWhere, cacheWhere, trades, counts, clock, ticks, recorder);
        } finally {
            engine.close();
            deleteTree(journal);
        }
        if (feed != null) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "Feed: %d messages on %s.> (SBE; a snapshot every 1000 commands and on request)%n",
                    feedPublisher.published(), feedPrefix);
            out.flush();
        }
        return rc;
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }

    private int session(DurableEngine engine, io.cift.messaging.OrderEventPublisher events, io.cift.cache.AnalyticsCache cache,
                        String eventsWhere, String cacheWhere, List<Trade> trades, long[] counts, long[] clock,
                        io.cift.analytics.ticks.TickStore ticks, io.cift.analytics.ticks.TradeTickRecorder recorder) {
        PrintWriter out = spec.commandLine().getOut();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] live = new long[1024];   // ids of orders sent to rest (some filled since: their cancels are refused)
        int liveCount = 0;
        long mid = 10_000;
        long nextId = 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            clock[0] += 250_000L;
            int r = rnd.nextInt(100);
            long owner = 1 + rnd.nextInt(traders);
            if (r < 25 && liveCount > 0) {
                int k = rnd.nextInt(liveCount);   // taken out by moving the last one in: a list's shift made long runs quadratic
                long id = live[k];
                live[k] = live[--liveCount];
                engine.cancel(symbol, id);   // may already be filled: then it is rejected
                counts[1]++;
                continue;
            }
            mid += rnd.nextInt(3) - 1;
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            long qty = 1 + rnd.nextInt(50);
            long id = nextId++;
            if (r < 32) {
                engine.submit(symbol, id, owner, side, OrderType.MARKET, TimeInForce.IOC, 0, qty, false);
            } else {
                long offset = rnd.nextInt(12) - 2;   // mostly passive, sometimes crossing
                long price = side == Side.BUY ? mid - offset : mid + offset;
                engine.submit(symbol, id, owner, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, false);
                if (liveCount == live.length) {
                    live = java.util.Arrays.copyOf(live, liveCount * 2);
                }
                live[liveCount++] = id;
            }
        }
        long elapsed = System.nanoTime() - t0;

        out.printf(Locale.ROOT, "CIFT demo: %d commands from %d traders on %s (embedded order book, seed %d)%n%n",
                commands, traders, symbol, seed);
        out.printf(Locale.ROOT, "Trades (%d in total, first %d shown)%n", trades.size(), Math.min(showTrades, trades.size()));
        out.printf(Locale.ROOT, "  %6s %8s %8s %5s %8s %6s%n", "#", "taker", "maker", "aggr", "price", "qty");
        for (int i = 0; i < Math.min(showTrades, trades.size()); i++) {
            Trade t = trades.get(i);
            out.printf(Locale.ROOT, "  %6d %8d %8d %5s %8d %6d%n", i + 1, t.taker(), t.maker(), t.takerSide(), t.price(), t.qty());
        }
        OrderBook book = engine.book(symbol).orElseThrow();
        out.printf(Locale.ROOT, "%nFinal L2 book (top %d levels)%n", depth);
        out.printf(Locale.ROOT, "  %8s %6s %10s | %-10s %6s %-8s%n", "bid qty", "orders", "bid", "ask", "orders", "ask qty");
        List<PriceLevel> bids = book.depth(Side.BUY, depth);
        List<PriceLevel> asks = book.depth(Side.SELL, depth);
        for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
            String b = i < bids.size()
                    ? String.format(Locale.ROOT, "%8d %6d %10d", bids.get(i).quantity(), bids.get(i).orderCount(), bids.get(i).price())
                    : String.format(Locale.ROOT, "%8s %6s %10s", "", "", "");
            String a = i < asks.size()
                    ? String.format(Locale.ROOT, "%-10d %6d %-8d", asks.get(i).price(), asks.get(i).orderCount(), asks.get(i).quantity())
                    : "";
            out.printf(Locale.ROOT, "  %s | %s%n", b, a);
        }
        out.printf(Locale.ROOT, "%nResting orders %d, traded volume %d, cancels sent %d%n",
                book.orderCount(), counts[0], counts[1]);
        out.printf(Locale.ROOT, "Throughput %.0f commands/s (%.2f ms for %d commands, cold JVM)%n",
                commands * 1e9 / elapsed, elapsed / 1e6, commands);
        engine.close();   // the events consumer has handed every event to the publisher
        events.flush();

        java.time.Instant open = java.time.Instant.ofEpochSecond(SESSION_OPEN_MICROS / 1_000_000L);
        java.util.List<io.cift.analytics.ticks.Bar> bars = ticks.bars(symbol, io.cift.analytics.ticks.BarInterval.MINUTE,
                open, open.plusSeconds(86_400));
        out.printf(Locale.ROOT, "%n1-minute bars of the session's trades (%d trade ticks, one command every 250 ms from %s)%n",
                recorder.recorded(), open);
        out.println("  " + io.cift.examples.io.TickCsv.BAR_HEADER);
        for (io.cift.analytics.ticks.Bar b : bars) {
            out.println("  " + io.cift.examples.io.TickCsv.line(b));
        }

        // every trader's P&L from the session's trades, read through the cache twice (a miss, then a hit)
        io.cift.cache.CachedAnalyticsService analytics = new io.cift.cache.CachedAnalyticsService(
                io.cift.analytics.AnalyticsService.embedded(), cache);
        List<io.cift.analytics.Trade> fills = new ArrayList<>();
        java.time.Instant start = open;
        String run = engine.engineId().replace("-", "");   // unique per run, so concurrent runs never share traders
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            java.math.BigDecimal q = java.math.BigDecimal.valueOf(t.qty());
            java.math.BigDecimal px = java.math.BigDecimal.valueOf(t.price());
            fills.add(new io.cift.analytics.Trade(i + 1, "trader-" + t.takerOwner() + "-" + run, start.plusMillis(i), symbol, t.takerSide(),
                    q, px, java.math.BigDecimal.ZERO));
            fills.add(new io.cift.analytics.Trade(i + 1, "trader-" + t.makerOwner() + "-" + run, start.plusMillis(i), symbol,
                    t.takerSide().opposite(), q, px, java.math.BigDecimal.ZERO));
        }
        if (!fills.isEmpty()) {
            analytics.ingestTrades(fills);
        }
        java.util.Map<String, java.math.BigDecimal> marks = java.util.Map.of(symbol,
                java.math.BigDecimal.valueOf(trades.isEmpty() ? mid : trades.get(trades.size() - 1).price()));
        out.printf(Locale.ROOT, "%nP&L by trader at the last trade price (FIFO, ticks x lots)%n");
        java.util.Set<String> users = new java.util.TreeSet<>();
        fills.forEach(f -> users.add(f.user()));
        for (int pass = 0; pass < 2; pass++) {
            for (String u : users) {
                io.cift.analytics.PnlReport r = analytics.pnl(u, io.cift.analytics.PnlMethod.FIFO, marks);
                if (pass == 1) {
                    out.printf(Locale.ROOT, "  %-10s realized %10s  unrealized %10s  total %10s%n", u.substring(0, u.lastIndexOf('-')),
                            r.totals().realizedPnl().toPlainString(), r.totals().unrealizedPnl().toPlainString(),
                            r.totals().totalPnl().toPlainString());
                }
            }
        }
        io.cift.cache.CacheStats cs = cache.stats();
        out.printf(Locale.ROOT, "%nServed by: order book embedded (durable engine %s); events %s (%d published, %d dropped,"
                        + " %d duplicates); analytics embedded; cache %s (%d misses, %d hits, %d bypassed); ticks %s (%d bars)%n",
                engine.engineId(), eventsWhere, events.published(),
                events instanceof io.cift.messaging.JetStreamOrderEvents j ? j.dropped() : 0,
                events instanceof io.cift.messaging.JetStreamOrderEvents j ? j.duplicates() : 0,
                cacheWhere, cs.misses(), cs.hits(), cs.bypassed(), ticks.backend(), bars.size());
        ticks.close();
        out.flush();
        return 0;
    }

    private void requirePositive(String name, long v) {
        if (v < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " must be at least 1, got " + v);
        }
    }
}
