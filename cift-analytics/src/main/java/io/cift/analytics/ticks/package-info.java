/**
 * Market data: a {@link io.cift.analytics.ticks.TickStore} for quotes and trades, with OHLCV bars,
 * latest quotes and VWAP, stored in QuestDB or kept in memory.
 */
package io.cift.analytics.ticks;
