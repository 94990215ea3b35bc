package io.cift.analytics.ticks;

/** The tick store contract on the in-memory store. */
class EmbeddedTickStoreTest extends TickStoreContractTest {

    @Override
    protected TickStore open() {
        return TickStore.embedded();
    }
}
