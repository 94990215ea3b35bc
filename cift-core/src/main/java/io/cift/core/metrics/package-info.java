/**
 * Micrometer meters of the engine (Micrometer is an optional dependency): binders that read the counters
 * the engine keeps, so that the hot path never touches a registry.
 */
package io.cift.core.metrics;
