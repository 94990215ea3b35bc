package io.cift.messaging.internal;

import io.cift.messaging.EventType;
import io.cift.messaging.OrderEvent;
import io.cift.messaging.OrderEventCodec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Binary format, version 2, little-endian: {@code version:u8, type:u8, engineIdLength:u8, engineId:UTF-8,
 * seq:i64, symbolLength:u16, symbol:UTF-8, orderId:i64}, then the type's fields (longs as i64, enums as
 * explicit one-byte codes, never ordinals, booleans as u8). A reader refuses versions and codes it does not
 * know. One array allocated per event.
 */
public final class BinaryOrderEventCodec implements OrderEventCodec {

    /** The shared instance (stateless). */
    public static final BinaryOrderEventCodec INSTANCE = new BinaryOrderEventCodec();
    /** The format version written. */
    public static final byte VERSION = 2;

    private BinaryOrderEventCodec() {
    }

    @Override
    public byte[] encode(OrderEvent e) {
        byte[] sym = e.symbol().getBytes(StandardCharsets.UTF_8);
        byte[] id = e.engineId().getBytes(StandardCharsets.UTF_8);
        if (sym.length > 0xFFFF) {
            throw new IllegalArgumentException("symbol longer than 65535 bytes");
        }
        if (id.length > 0xFF) {
            throw new IllegalArgumentException("engine id longer than 255 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(3 + id.length + 8 + 2 + sym.length + 8 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION).put(WireCodes.of(e.type())).put((byte) id.length).put(id).putLong(e.seq())
                .putShort((short) sym.length).put(sym).putLong(e.orderId());
        if (e instanceof OrderEvent.Accepted a) {
            b.putLong(a.ownerId()).put(WireCodes.of(a.side())).put(WireCodes.of(a.orderType())).put(WireCodes.of(a.tif()))
                    .putLong(a.price()).putLong(a.quantity());
        } else if (e instanceof OrderEvent.Rejected r) {
            b.put(WireCodes.of(r.command())).put(WireCodes.of(r.reason()));
        } else if (e instanceof OrderEvent.Trade t) {
            b.putLong(t.takerOwnerId()).putLong(t.makerOrderId()).putLong(t.makerOwnerId())
                    .put(WireCodes.of(t.takerSide())).putLong(t.price()).putLong(t.quantity())
                    .putLong(t.takerRemaining()).putLong(t.makerRemaining());
        } else if (e instanceof OrderEvent.Cancelled c) {
            b.putLong(c.cancelledQuantity()).putLong(c.remainingQuantity()).put(WireCodes.of(c.reason()));
        } else if (e instanceof OrderEvent.Amended m) {
            b.putLong(m.newPrice()).putLong(m.newQuantity()).put((byte) (m.priorityKept() ? 1 : 0));
        } else {
            throw new IllegalArgumentException("unknown event " + e);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Override
    public OrderEvent decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            byte version = b.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown event format version " + version + " (this reader knows " + VERSION + ")");
            }
            EventType type = WireCodes.eventType(b.get());
            byte[] idBytes = new byte[Byte.toUnsignedInt(b.get())];
            b.get(idBytes);
            String id = new String(idBytes, StandardCharsets.UTF_8);
            long seq = b.getLong();
            byte[] sym = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(sym);
            String symbol = new String(sym, StandardCharsets.UTF_8);
            long orderId = b.getLong();
            OrderEvent e = switch (type) {
                case ACCEPTED -> new OrderEvent.Accepted(id, seq, symbol, orderId, b.getLong(), WireCodes.side(b.get()),
                        WireCodes.orderType(b.get()), WireCodes.tif(b.get()), b.getLong(), b.getLong());
                case REJECTED -> new OrderEvent.Rejected(id, seq, symbol, orderId, WireCodes.command(b.get()),
                        WireCodes.result(b.get()));
                case TRADE -> new OrderEvent.Trade(id, seq, symbol, orderId, b.getLong(), b.getLong(), b.getLong(),
                        WireCodes.side(b.get()), b.getLong(), b.getLong(), b.getLong(), b.getLong());
                case CANCELLED -> new OrderEvent.Cancelled(id, seq, symbol, orderId, b.getLong(), b.getLong(),
                        WireCodes.reason(b.get()));
                case AMENDED -> new OrderEvent.Amended(id, seq, symbol, orderId, b.getLong(), b.getLong(), b.get() != 0);
            };
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " unexpected bytes after a " + type.token() + " event");
            }
            return e;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated event (" + bytes.length + " bytes)", e);
        }
    }
}
