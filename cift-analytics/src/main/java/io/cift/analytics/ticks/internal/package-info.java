/**
 * Tick store implementations (in memory, QuestDB) and their helpers; not API.
 */
package io.cift.analytics.ticks.internal;
