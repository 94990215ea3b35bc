package io.cift.core.risk.internal;

import io.cift.core.risk.RiskReason;

/** The risk gate's last refusal, and its message. Single writer. */
final class Refusal {

    private RiskReason reason;
    private long account;
    private String symbol;
    private String limitName;
    private long limit;
    private long value;
    /** Refusals by reason (indexed by ordinal, in memory), since the calculator was created. */
    private final long[] counts = new long[RiskReason.values().length];

    /** Records a refusal (kept as fields: the message is built only when asked for); returns the reason. */
    RiskReason refuse(RiskReason reason, long account, String symbol, String limitName, long limit, long value) {
        this.reason = reason;
        this.account = account;
        this.symbol = symbol;
        this.limitName = limitName;
        this.limit = limit;
        this.value = value;
        counts[reason.ordinal()]++;
        return reason;
    }

    /** @return the last refusal as a message naming the limit, the value and where; empty when none */
    String message() {
        if (reason == null) {
            return "";
        }
        String where = " (account " + account + ", " + symbol + ")";
        return switch (reason) {
            case KILL_SWITCH_GLOBAL -> "KILL_SWITCH_GLOBAL: the global kill switch is on" + where;
            case KILL_SWITCH_ACCOUNT -> "KILL_SWITCH_ACCOUNT: the account's kill switch is on" + where;
            case UNKNOWN_ACCOUNT -> "UNKNOWN_ACCOUNT: account " + account + " has no limits configured" + where;
            case INVALID_ORDER -> "INVALID_ORDER: " + limitName + " must be positive, got " + value + where;
            case DUPLICATE_CLIENT_ORDER_ID -> "DUPLICATE_CLIENT_ORDER_ID: client order id " + value
                    + " was already used in this session" + where;
            case NO_REFERENCE_PRICE -> "NO_REFERENCE_PRICE: no last trade and no two-sided quote to price against" + where;
            case PRICE_BAND -> "PRICE_BAND: price " + value + " is more than " + limit + " ticks from the reference ("
                    + limitName + ")" + where;
            case RATE_LIMIT -> "RATE_LIMIT: more than maxOrdersPerSecond " + limit + " (burst " + value + ")" + where;
            case MAX_OPEN_ORDERS -> "MAX_OPEN_ORDERS: open orders " + value + " would exceed maxOpenOrders " + limit + where;
            case POSITION_LIMIT -> "POSITION_LIMIT: worst-case position " + value + " would exceed maxPosition "
                    + limit + where;
            default -> reason + ": " + valueName(reason) + " " + value + " exceeds " + limitName + " "
                    + limit + where;
        };
    }

    private static String valueName(RiskReason r) {
        return switch (r) {
            case MAX_ORDER_QUANTITY -> "quantity";
            case MAX_ORDER_NOTIONAL -> "notional";
            case GROSS_EXPOSURE -> "gross exposure";
            case NET_EXPOSURE -> "net exposure";
            case CREDIT_LIMIT -> "open buy notional plus position cost";
            case TOO_MANY_INSTRUMENTS -> "instruments";
            case TOO_MANY_CLIENT_ORDER_IDS -> "client order ids";
            default -> "value";
        };
    }

    /** @return how many times the gate refused for a reason */
    long count(RiskReason r) {
        return counts[r.ordinal()];
    }
}
