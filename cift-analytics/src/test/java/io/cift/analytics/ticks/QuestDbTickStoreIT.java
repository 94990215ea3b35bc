package io.cift.analytics.ticks;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

/** The tick store contract on a real QuestDB server (in-process, loopback), one table per test. */
class QuestDbTickStoreIT extends TickStoreContractTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final QuestDbTestServer server = QuestDbTestServer.perClass();

    @Override
    protected TickStore open() {
        return TickStore.questDb(server.config("ticks_" + TABLES.incrementAndGet()).build());
    }
}
