package io.cift.core.journal;

import io.cift.core.book.ResultCode;

/**
 * What the engine does when an asynchronous consumer has fallen so far behind that the event ring is
 * nearly full. Checked before a command is journaled, so a command is applied entirely or not at all:
 * once accepted, its events are never dropped under {@link #WAIT} or {@link #REJECT} (a single command
 * with more events than the free room waits for them).
 */
public enum LagPolicy {
    /**
     * Wait up to {@link DurableEngineConfig#lagTimeout()} for room, then refuse the command with
     * {@link ResultCode#CONSUMERS_BEHIND}. The default.
     */
    WAIT,
    /** Refuse the command at once with {@link ResultCode#CONSUMERS_BEHIND}. */
    REJECT,
    /** Accept the command and drop the events that find no room, counting them ({@link DurableEngine#eventsDropped()}). */
    DROP
}
