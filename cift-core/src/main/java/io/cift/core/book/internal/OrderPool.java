package io.cift.core.book.internal;

import java.util.Arrays;

/**
 * The rows of an {@link OrderStore} handed out and taken back. Free rows are kept on a stack, so a small book
 * reuses the row it freed last, which is still in cache. A large book (the caller says when) gives a new order
 * the row its id names ({@code id & mask}, the mask the largest power of two within the pool, less one) when
 * that row is free: a lookup by id can then read the row beside the id's index slot instead of after it
 * ({@link #guess}). A row taken that way stays on the stack, marked stale, and is skipped when popped.
 * Allocates only when it grows. Single writer.
 */
final class OrderPool {

    private final OrderStore orders;
    private int[] stack = new int[0];
    private int stacked;
    private int free;
    private int size;
    private int mask;

    OrderPool(OrderStore orders) {
        this.orders = orders;
    }

    /** @return rows in the pool, free or not */
    int size() {
        return size;
    }

    /** @return free rows */
    int free() {
        return free;
    }

    /** The row {@code id} names: where a large book puts its order if that row was free. */
    int guess(long id) {
        return (int) id & mask;
    }

    /** Adds {@code n} free rows (allocates). */
    void grow(int n) {
        int from = size;
        orders.grow(n);
        stack = Arrays.copyOf(stack, from + n);
        for (int i = 0; i < n; i++) {
            stack[stacked++] = from + n - 1 - i;    // lowest handles first out
        }
        size += n;
        free += n;
        mask = Integer.highestOneBit(size) - 1;
    }

    /**
     * A free row; there must be one.
     *
     * @param id the order's id
     * @param byId whether to prefer the row the id names (a large book)
     * @return its handle
     */
    int acquire(long id, boolean byId) {
        free--;
        if (byId) {
            int named = guess(id);
            if (orders.free(named)) {
                return named;   // OrderStore.set keeps its stacked mark: the stale entry is skipped when popped
            }
        }
        while (true) {
            int h = stack[--stacked];
            if (orders.popped(h)) {
                return h;
            }
        }
    }

    /** Takes back a row that is off the book. */
    void release(int h) {
        free++;
        if (orders.release(h)) {
            stack[stacked++] = h;
        }
    }
}
