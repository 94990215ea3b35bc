package io.cift.cache;

/**
 * What a cache did so far.
 *
 * @param hits answers served from the cache
 * @param misses answers computed because the cache had none
 * @param computations computations run (a burst of identical misses computes once)
 * @param bypassed requests served without the cache because it was down or slow
 * @param invalidationFailures invalidations that could not reach the cache server at the first attempt
 * @param invalidationsPending users whose invalidation has still not reached the cache server (retried
 *        every second; until then this process does not read their cached values, and other processes
 *        may, for at most the TTL)
 */
public record CacheStats(long hits, long misses, long computations, long bypassed, long invalidationFailures,
                         long invalidationsPending) {
}
