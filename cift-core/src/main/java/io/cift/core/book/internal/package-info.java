/**
 * Implementation of the order book: pooled orders, sorted price-level arrays, a primitive id index; and
 * the same storage for the order-by-order book that both ends of the order feed keep.
 * Not API: types here may change in any release.
 */
package io.cift.core.book.internal;
