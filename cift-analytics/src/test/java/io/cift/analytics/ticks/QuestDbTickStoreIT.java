package io.cift.analytics.ticks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.atomic.AtomicInteger;

/** The tick store contract on a real QuestDB server (in-process, loopback), one table per test. */
class QuestDbTickStoreIT extends TickStoreContractTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static QuestDbTestServer server;

    @BeforeAll
    static void startServer() {
        server = QuestDbTestServer.startNew();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TickStore open() {
        return TickStore.questDb(server.config("ticks_" + TABLES.incrementAndGet()).build());
    }
}
