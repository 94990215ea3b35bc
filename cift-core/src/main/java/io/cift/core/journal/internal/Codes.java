package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.model.TimeInForce;

/**
 * The small codes the journal stores for enums. Spelled out one by one, so that reordering or adding
 * enum constants never changes what a stored journal means.
 */
final class Codes {

    private Codes() {
    }

    static int tifCode(TimeInForce t) {
        return switch (t) {
            case GTC -> 0;
            case IOC -> 1;
            case FOK -> 2;
        };
    }

    static TimeInForce tif(int code) {
        return switch (code) {
            case 0 -> TimeInForce.GTC;
            case 1 -> TimeInForce.IOC;
            case 2 -> TimeInForce.FOK;
            default -> throw bad("time in force", code);
        };
    }

    static int reasonCode(CancelReason r) {
        return switch (r) {
            case USER -> 0;
            case IOC_REMAINDER -> 1;
            case MARKET_REMAINDER -> 2;
            case FOK_UNFILLED -> 3;
            case STP_RESTING -> 4;
            case STP_INCOMING -> 5;
            case KILL_SWITCH -> 6;
        };
    }

    static CancelReason reason(int code) {
        return switch (code) {
            case 0 -> CancelReason.USER;
            case 1 -> CancelReason.IOC_REMAINDER;
            case 2 -> CancelReason.MARKET_REMAINDER;
            case 3 -> CancelReason.FOK_UNFILLED;
            case 4 -> CancelReason.STP_RESTING;
            case 5 -> CancelReason.STP_INCOMING;
            case 6 -> CancelReason.KILL_SWITCH;
            default -> throw bad("cancel reason", code);
        };
    }

    private static IllegalArgumentException bad(String what, int code) {
        return new IllegalArgumentException("unknown " + what + " code " + code);
    }
}
