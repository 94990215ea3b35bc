/** Micrometer meters of the analytics cache (Micrometer is an optional dependency). */
package io.cift.cache.metrics;
