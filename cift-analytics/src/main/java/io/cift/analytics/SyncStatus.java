package io.cift.analytics;

import java.time.Instant;

/**
 * How far ClickHouse is behind PostgreSQL.
 *
 * @param rowsBehind rows written to PostgreSQL that ClickHouse does not hold: not yet copied, plus the
 *        rows set aside (0: caught up)
 * @param rowsCopied rows copied by the call that produced this status
 * @param rowsSetAside rows ClickHouse refused for their data, kept with its error in PostgreSQL's
 *        {@code cift_sync_rejects} and offered again every few minutes
 * @param checkedAt when this was measured
 */
public record SyncStatus(long rowsBehind, long rowsCopied, long rowsSetAside, Instant checkedAt) {

    /** @return whether nothing is left to copy */
    public boolean caughtUp() {
        return rowsBehind == 0;
    }
}
