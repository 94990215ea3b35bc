package io.cift.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.Objects;

/**
 * Turns a cached value into bytes and back (for a cache outside the process). A cache calls it from every
 * caller's thread at once: implementations must be thread-safe (a stateless one is).
 *
 * @param <T> the value type
 */
public interface ValueCodec<T> {

    /**
     * JSON through Jackson (records, java.time, BigDecimal exactly, NaN and infinities kept).
     *
     * @param type the value's class
     * @param <T> the value type
     * @return the codec
     */
    static <T> ValueCodec<T> json(Class<T> type) {
        Objects.requireNonNull(type, "type");
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return new ValueCodec<>() {
            @Override
            public byte[] encode(T value) {
                try {
                    return mapper.writeValueAsBytes(value);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public T decode(byte[] bytes) {
                try {
                    return mapper.readValue(bytes, type);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * Encodes a value.
     *
     * @param value the value
     * @return its bytes
     */
    byte[] encode(T value);

    /**
     * Decodes a value.
     *
     * @param bytes what {@link #encode} produced
     * @return the value
     */
    T decode(byte[] bytes);
}
