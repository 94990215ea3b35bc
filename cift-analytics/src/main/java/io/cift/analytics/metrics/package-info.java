/** Micrometer meters of the analytics router (Micrometer is an optional dependency). */
package io.cift.analytics.metrics;
