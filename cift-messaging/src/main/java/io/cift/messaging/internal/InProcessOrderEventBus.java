package io.cift.messaging.internal;

import io.cift.messaging.InProcessOrderEvents;
import io.cift.messaging.OrderEvent;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process default: publishing delivers to every subscriber synchronously on the publishing thread,
 * and the last {@code capacity} events are kept for subscribers that start from an earlier sequence
 * number. Thread-safe; a slow subscriber slows the publisher (it is called inline).
 */
public final class InProcessOrderEventBus implements InProcessOrderEvents {

    private final int capacity;
    private final ArrayDeque<OrderEvent> log;
    private final List<Consumer<OrderEvent>> subscribers = new CopyOnWriteArrayList<>();
    private long published;

    /**
     * Creates a bus.
     *
     * @param capacity events kept for replay, at least 0
     */
    public InProcessOrderEventBus(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
        this.log = new ArrayDeque<>(Math.min(capacity, 1 << 16));
    }

    @Override
    public synchronized void publish(OrderEvent event) {
        if (capacity > 0) {
            if (log.size() == capacity) {
                log.pollFirst();
            }
            log.addLast(event);
        }
        published++;
        for (Consumer<OrderEvent> s : subscribers) {
            s.accept(event);
        }
    }

    @Override
    public synchronized long published() {
        return published;
    }

    @Override
    public synchronized AutoCloseable subscribe(long fromSeq, Consumer<OrderEvent> handler) {
        for (OrderEvent e : log) {
            if (e.seq() >= fromSeq) {
                handler.accept(e);
            }
        }
        Consumer<OrderEvent> filtered = e -> {
            if (e.seq() >= fromSeq) {
                handler.accept(e);
            }
        };
        subscribers.add(filtered);
        return () -> subscribers.remove(filtered);
    }

    @Override
    public void close() {
        subscribers.clear();
    }
}
