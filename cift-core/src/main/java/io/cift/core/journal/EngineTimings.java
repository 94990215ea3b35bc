package io.cift.core.journal;

/**
 * How long a durable engine's work takes, for monitoring: commands timed on the matching thread (one in
 * 1,024, so that timing costs nothing measurable) and the journal writer's forces.
 *
 * @param sampledCommands commands timed since the engine opened
 * @param sampledNanos their matching time, summed
 * @param sampledMaxNanos the longest of them
 * @param fsyncs batches forced to the disk since the engine opened
 * @param fsyncNanos time spent forcing them
 */
public record EngineTimings(long sampledCommands, long sampledNanos, long sampledMaxNanos, long fsyncs, long fsyncNanos) {
}
