package io.cift.messaging.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import io.cift.messaging.EventType;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.OrderEventCodec;

import java.io.IOException;

/**
 * One JSON object per event: {@code engine_id}, {@code seq}, {@code type}, {@code symbol}, {@code order_id}, then the type's
 * fields in snake_case; enums by name.
 */
public final class JsonOrderEventCodec implements OrderEventCodec {

    /** The shared instance (stateless; ObjectMapper is thread-safe once configured). */
    public static final JsonOrderEventCodec INSTANCE = new JsonOrderEventCodec();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOrderEventCodec() {
    }

    /**
     * The event as a JSON tree.
     *
     * @param e the event
     * @return the object
     */
    public static ObjectNode toJson(OrderEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("engine_id", e.engineId()).put("seq", e.seq()).put("type", e.type().token()).put("symbol", e.symbol()).put("order_id", e.orderId());
        if (e instanceof OrderEvent.Accepted a) {
            o.put("owner_id", a.ownerId()).put("side", a.side().name())
                    .put("order_type", a.orderType().name()).put("tif", a.tif().name()).put("price", a.price())
                    .put("quantity", a.quantity());
        } else if (e instanceof OrderEvent.Rejected r) {
            o.put("command", r.command().name()).put("reason", r.reason().name());
        } else if (e instanceof OrderEvent.Trade t) {
            o.put("taker_owner_id", t.takerOwnerId()).put("maker_order_id", t.makerOrderId())
                    .put("maker_owner_id", t.makerOwnerId()).put("taker_side", t.takerSide().name()).put("price", t.price())
                    .put("quantity", t.quantity()).put("taker_remaining", t.takerRemaining())
                    .put("maker_remaining", t.makerRemaining());
        } else if (e instanceof OrderEvent.Cancelled c) {
            o.put("cancelled_quantity", c.cancelledQuantity())
                    .put("remaining_quantity", c.remainingQuantity()).put("reason", c.reason().name());
        } else if (e instanceof OrderEvent.Amended m) {
            o.put("new_price", m.newPrice()).put("new_quantity", m.newQuantity())
                    .put("priority_kept", m.priorityKept());
        } else {
            throw new IllegalArgumentException("unknown event " + e);
        }
        return o;
    }

    @Override
    public byte[] encode(OrderEvent e) {
        try {
            return MAPPER.writeValueAsBytes(toJson(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public OrderEvent decode(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getMessage(), ex);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String engineId = text(n, "engine_id");
        long seq = num(n, "seq");
        String symbol = text(n, "symbol");
        long orderId = num(n, "order_id");
        return switch (EventType.ofToken(text(n, "type"))) {
            case ACCEPTED -> new OrderEvent.Accepted(engineId, seq, symbol, orderId, num(n, "owner_id"), Side.valueOf(text(n, "side")),
                    OrderType.valueOf(text(n, "order_type")), TimeInForce.valueOf(text(n, "tif")), num(n, "price"), num(n, "quantity"));
            case REJECTED -> new OrderEvent.Rejected(engineId, seq, symbol, orderId, CommandType.valueOf(text(n, "command")),
                    ResultCode.valueOf(text(n, "reason")));
            case TRADE -> new OrderEvent.Trade(engineId, seq, symbol, orderId, num(n, "taker_owner_id"), num(n, "maker_order_id"),
                    num(n, "maker_owner_id"), Side.valueOf(text(n, "taker_side")), num(n, "price"), num(n, "quantity"),
                    num(n, "taker_remaining"), num(n, "maker_remaining"));
            case CANCELLED -> new OrderEvent.Cancelled(engineId, seq, symbol, orderId, num(n, "cancelled_quantity"),
                    num(n, "remaining_quantity"), CancelReason.valueOf(text(n, "reason")));
            case AMENDED -> new OrderEvent.Amended(engineId, seq, symbol, orderId, num(n, "new_price"), num(n, "new_quantity"),
                    bool(n, "priority_kept"));
        };
    }

    private static JsonNode field(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + k + "'");
        }
        return v;
    }

    private static long num(JsonNode n, String k) {
        JsonNode v = field(n, k);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + k + "' must be an integer, got " + v);
        }
        return v.asLong();
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = field(n, k);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + k + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String k) {
        JsonNode v = field(n, k);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field '" + k + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }
}
