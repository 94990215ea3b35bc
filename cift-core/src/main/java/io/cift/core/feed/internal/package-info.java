/** Implementation of the order feed: the order-by-order book both ends of the feed keep. */
package io.cift.core.feed.internal;
