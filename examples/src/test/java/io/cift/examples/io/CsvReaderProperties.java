package io.cift.examples.io;

import io.cift.examples.replay.MalformedInputException;
import io.cift.examples.replay.OrderCsvReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's CSV readers on arbitrary input built from the characters that matter (separators,
 * signs, exponents, digits, quotes, line ends, non-ASCII): each either reads a row or refuses it with its
 * documented exception naming a line, and never fails any other way. Tries: {@code jqwik.tries.default}.
 */
class CsvReaderProperties {

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789-+.eE").ofMaxLength(25),
                Arbitraries.of("NEW", "CANCEL", "AMEND", "BUY", "SELL", "LIMIT", "MARKET", "GTC", "IOC", "FOK", "A", "ÄÖ", "",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e100000000", "1e-30000000",
                        "2026-01-05", "2026-01-05T10:00:00Z", "+586524-01-19T08:01:50Z", "NaN", "Infinity"),
                Arbitraries.strings().withChars("ab,\"\r ;\t").ofMaxLength(6));
        Arbitrary<String> line = field.list().ofMinSize(0).ofMaxSize(10).map(fs -> String.join(",", fs));
        return line.list().ofMaxSize(20);
    }

    @Property
    void theOrderReaderReadsOrRefusesWithALineNumber(@ForAll("lines") List<String> lines) throws IOException {
        String text = OrderCsvReader.HEADER + "\n" + String.join("\n", lines);
        try (OrderCsvReader r = new OrderCsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            while (r.next()) {
                assertThat(r.symbol).isNotEmpty();
                assertThat(r.lineNumber()).isBetween(2L, lines.size() + 1L);
            }
        } catch (MalformedInputException e) {
            assertThat(e.lineNumber()).isBetween(1L, lines.size() + 2L);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property
    void theTableReaderReadsOrRefusesNamingTheFileAndLine(@ForAll("lines") List<String> lines) throws IOException {
        Path file = Files.createTempFile("cift-prop", ".csv");
        try {
            Files.writeString(file, "trade_id,timestamp,symbol,side,quantity,price,fee\n" + String.join("\n", lines) + "\n");
            CsvTable t;
            try {
                t = CsvTable.read(file, "trade_id,timestamp,symbol,side,quantity,price,fee");
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains(file.getFileName().toString(), "line");
                return;
            }
            for (CsvTable.Row row : t.rows()) {
                for (String column : List.of("quantity", "price", "fee")) {
                    try {
                        // whatever is accepted has a bounded plain form: arithmetic on it cannot run away
                        assertThat(row.decimal(column).toPlainString().length()).isLessThanOrEqualTo(60);
                    } catch (IllegalArgumentException e) {
                        assertThat(e.getMessage()).contains("line " + row.line(), "'" + column + "'");
                    }
                }
                try {
                    row.integer("trade_id");
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).contains("line " + row.line());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
