package io.cift.core.journal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * One journaled command, as {@link Journal#read} delivers it. Fields a command does not use are zero or
 * null: a CANCEL has no owner, side, type, time in force, price or quantity; an AMEND has no owner, side,
 * type or time in force; only a CANCEL has a cancel reason.
 *
 * @param sequence the command's journal sequence number, from 1
 * @param command NEW, CANCEL or AMEND
 * @param symbol the symbol
 * @param orderId the order id
 * @param ownerId the owner id (NEW)
 * @param side the side (NEW)
 * @param orderType the order type (NEW)
 * @param timeInForce the time in force (NEW)
 * @param price the price in ticks (NEW, AMEND)
 * @param quantity the quantity (NEW), or the new open quantity (AMEND)
 * @param postOnly whether a NEW order is post-only
 * @param cancelReason why a CANCEL was sent
 */
public record JournalCommand(long sequence, CommandType command, String symbol, long orderId,
                             long ownerId, Side side, OrderType orderType, TimeInForce timeInForce, long price,
                             long quantity, boolean postOnly, CancelReason cancelReason) {
}
