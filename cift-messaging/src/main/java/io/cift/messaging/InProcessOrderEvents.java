package io.cift.messaging;

/**
 * The in-process event bus: a publisher whose events reach the subscribers synchronously, in the
 * publishing thread, with the last few kept for subscribers that start from an earlier sequence number.
 * Created by {@link OrderEventPublisher#inProcess(int)}. Thread-safe.
 */
public interface InProcessOrderEvents extends OrderEventPublisher, OrderEventSubscriber {
}
