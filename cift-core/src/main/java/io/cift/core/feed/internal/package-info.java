/** Implementation of the order feed: the sequence check both ends of the feed keep. */
package io.cift.core.feed.internal;
