package io.cift.messaging.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.messaging.EventType;

/**
 * The byte codes of the binary event format, spelled out one by one: reordering or adding enum
 * constants never changes what a stored event means, and a code this reader does not know is an error.
 */
final class WireCodes {

    private WireCodes() {
    }

    static byte of(EventType t) {
        return switch (t) {
            case ACCEPTED -> 'A';
            case REJECTED -> 'R';
            case TRADE -> 'T';
            case CANCELLED -> 'C';
            case AMENDED -> 'M';
        };
    }

    static EventType eventType(byte b) {
        return switch (b) {
            case 'A' -> EventType.ACCEPTED;
            case 'R' -> EventType.REJECTED;
            case 'T' -> EventType.TRADE;
            case 'C' -> EventType.CANCELLED;
            case 'M' -> EventType.AMENDED;
            default -> throw bad("event type", b);
        };
    }

    static byte of(Side s) {
        return switch (s) {
            case BUY -> 'B';
            case SELL -> 'S';
        };
    }

    static Side side(byte b) {
        return switch (b) {
            case 'B' -> Side.BUY;
            case 'S' -> Side.SELL;
            default -> throw bad("side", b);
        };
    }

    static byte of(OrderType t) {
        return switch (t) {
            case LIMIT -> 'L';
            case MARKET -> 'M';
        };
    }

    static OrderType orderType(byte b) {
        return switch (b) {
            case 'L' -> OrderType.LIMIT;
            case 'M' -> OrderType.MARKET;
            default -> throw bad("order type", b);
        };
    }

    static byte of(TimeInForce t) {
        return switch (t) {
            case GTC -> 'G';
            case IOC -> 'I';
            case FOK -> 'F';
        };
    }

    static TimeInForce tif(byte b) {
        return switch (b) {
            case 'G' -> TimeInForce.GTC;
            case 'I' -> TimeInForce.IOC;
            case 'F' -> TimeInForce.FOK;
            default -> throw bad("time in force", b);
        };
    }

    static byte of(CommandType c) {
        return switch (c) {
            case NEW -> 'N';
            case CANCEL -> 'C';
            case AMEND -> 'A';
        };
    }

    static CommandType command(byte b) {
        return switch (b) {
            case 'N' -> CommandType.NEW;
            case 'C' -> CommandType.CANCEL;
            case 'A' -> CommandType.AMEND;
            default -> throw bad("command", b);
        };
    }

    static byte of(ResultCode r) {
        return switch (r) {
            case ACCEPTED -> 0;
            case INVALID_QUANTITY -> 1;
            case INVALID_PRICE -> 2;
            case INVALID_POST_ONLY -> 3;
            case POST_ONLY_WOULD_TAKE -> 4;
            case DUPLICATE_ORDER_ID -> 5;
            case UNKNOWN_ORDER_ID -> 6;
            case UNKNOWN_SYMBOL -> 7;
            case RISK_REJECTED -> 8;
            case CONSUMERS_BEHIND -> 9;
            case JOURNAL_UNAVAILABLE -> 10;
            case INVALID_SYMBOL -> 11;
            case TOO_MANY_SYMBOLS -> 12;
        };
    }

    static ResultCode result(byte b) {
        return switch (b) {
            case 0 -> ResultCode.ACCEPTED;
            case 1 -> ResultCode.INVALID_QUANTITY;
            case 2 -> ResultCode.INVALID_PRICE;
            case 3 -> ResultCode.INVALID_POST_ONLY;
            case 4 -> ResultCode.POST_ONLY_WOULD_TAKE;
            case 5 -> ResultCode.DUPLICATE_ORDER_ID;
            case 6 -> ResultCode.UNKNOWN_ORDER_ID;
            case 7 -> ResultCode.UNKNOWN_SYMBOL;
            case 8 -> ResultCode.RISK_REJECTED;
            case 9 -> ResultCode.CONSUMERS_BEHIND;
            case 10 -> ResultCode.JOURNAL_UNAVAILABLE;
            case 11 -> ResultCode.INVALID_SYMBOL;
            case 12 -> ResultCode.TOO_MANY_SYMBOLS;
            default -> throw bad("result code", b);
        };
    }

    static byte of(CancelReason r) {
        return switch (r) {
            case USER -> 'U';
            case IOC_REMAINDER -> 'I';
            case MARKET_REMAINDER -> 'M';
            case FOK_UNFILLED -> 'F';
            case STP_RESTING -> 'R';
            case STP_INCOMING -> 'N';
            case KILL_SWITCH -> 'K';
        };
    }

    static CancelReason reason(byte b) {
        return switch (b) {
            case 'U' -> CancelReason.USER;
            case 'I' -> CancelReason.IOC_REMAINDER;
            case 'M' -> CancelReason.MARKET_REMAINDER;
            case 'F' -> CancelReason.FOK_UNFILLED;
            case 'R' -> CancelReason.STP_RESTING;
            case 'N' -> CancelReason.STP_INCOMING;
            case 'K' -> CancelReason.KILL_SWITCH;
            default -> throw bad("cancel reason", b);
        };
    }

    private static IllegalArgumentException bad(String what, byte b) {
        return new IllegalArgumentException("unknown " + what + " code " + (b & 0xff));
    }
}
