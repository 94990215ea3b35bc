package io.cift.core.book.internal;

/** A pooled, mutable resting order: a node of its price level's intrusive FIFO list. */
final class Order {
    /** Its place in the book's order table, for life. */
    final int handle;
    long id;
    long owner;
    long price;
    long open;
    long filled;
    boolean buy;
    boolean postOnly;
    /** Handle of its level in its side's table, -1 when not on the book. */
    int level = -1;
    /** Handle of the order before it in its level, -1 for none. */
    int prev = -1;
    /** Next in the level's queue; while the order is free, the next free order of the pool. */
    int next = -1;

    Order(int handle) {
        this.handle = handle;
    }
}
