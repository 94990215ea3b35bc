package io.cift.examples.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON output of the command line: numbers with full double precision, and NaN and infinities as the
 * strings "NaN", "Infinity" and "-Infinity" (plain JSON has no such numbers).
 */
public final class Json {

    // the fast double writer (Schubfach): the shortest text that reads back as the same double, several times
    // faster than Double.toString on the long arrays of the rolling statistics
    // objects indented, arrays (the rolling series: thousands of numbers) on one line
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
            .setDefaultPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultPrettyPrinter.FixedSpaceIndenter.instance))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Json() {
    }

    /** @return a new empty object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Puts a double, as a string when it is not finite.
     *
     * @param node the object
     * @param key the key
     * @param value the value
     */
    public static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.put(key, Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    /**
     * Puts an exact decimal without trailing zeros, or null.
     *
     * @param node the object
     * @param key the key
     * @param value the value or null
     */
    public static void put(ObjectNode node, String key, java.math.BigDecimal value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value.signum() == 0 ? java.math.BigDecimal.ZERO : value.stripTrailingZeros());
        }
    }

    /**
     * Writes a node as indented JSON.
     *
     * @param node the node
     * @return the text
     */
    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
