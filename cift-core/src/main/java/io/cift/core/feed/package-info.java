/**
 * A sequenced order-by-order (L3) market-data feed of an engine, in the style of ITCH: orders added,
 * executed, reduced, replaced and deleted, with periodic snapshots of every live order, so that another
 * process can rebuild each book exactly ({@link io.cift.core.feed.BookBuilder}); a CSV form for files
 * and tools ({@link io.cift.core.feed.FeedCsv}).
 */
package io.cift.core.feed;
