/** Micrometer meters of the event publisher (Micrometer is an optional dependency). */
package io.cift.messaging.metrics;
