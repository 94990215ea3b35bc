package io.cift.core.feed;

import io.cift.core.model.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The feed's CSV form: any message survives its line, quotes and commas in symbols included; arbitrary lines
 * built from the characters that matter are read or refused naming their line, never failing any other way.
 * Tries: {@code jqwik.tries.default}.
 */
class FeedCsvProperties {

    @Provide
    Arbitrary<List<FeedMessage>> messages() {
        return message().list().ofMaxSize(20);
    }

    private static Arbitrary<FeedMessage> message() {
        Arbitrary<Long> seq = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<String> symbol = Arbitraries.oneOf(Arbitraries.of("AAPL", "A,B", "say \"hi\"", "ÄÖ", " x ", "\"", ","),
                Arbitraries.strings().withChars("ab,\" ;Ä").ofMinLength(1).ofMaxLength(6).filter(s -> !s.isBlank()));
        Arbitrary<Long> id = Arbitraries.longs();
        Arbitrary<Long> positive = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        return Arbitraries.oneOf(
                Combinators.combine(seq, symbol, id, side, positive, positive, Arbitraries.integers().between(1, Integer.MAX_VALUE))
                        .as(FeedMessage.OrderAdded::new),
                Combinators.combine(seq, symbol, id, positive, positive, positive).as(FeedMessage.OrderExecuted::new),
                Combinators.combine(seq, symbol, id, positive).as(FeedMessage.OrderReduced::new),
                Combinators.combine(seq, symbol, id, positive, positive, Arbitraries.of(true, false))
                        .as(FeedMessage.OrderReplaced::new),
                Combinators.combine(seq, symbol, id).as(FeedMessage.OrderDeleted::new),
                Combinators.combine(seq, Arbitraries.longs().between(0, Long.MAX_VALUE)).as(FeedMessage.SnapshotStart::new),
                Combinators.combine(seq, symbol, id, side, positive, positive).as(FeedMessage.SnapshotOrder::new),
                seq.map(FeedMessage.SnapshotEnd::new));
    }

    @Property
    void everyMessageSurvivesItsLine(@ForAll("messages") List<FeedMessage> messages) throws IOException {
        StringWriter out = new StringWriter();
        var sink = FeedCsv.writer(out);
        messages.forEach(sink);
        List<FeedMessage> back = new ArrayList<>();
        FeedCsv.read(new BufferedReader(new StringReader(out.toString())), back::add);
        assertThat(back).isEqualTo(messages);
        for (FeedMessage m : messages) {
            assertThat(FeedCsv.parse(FeedCsv.line(m), 2)).isEqualTo(m);
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789-+").ofMaxLength(21),
                Arbitraries.of("ADD", "EXECUTE", "REDUCE", "REPLACE", "DELETE", "SNAPSHOT_START", "SNAPSHOT_ORDER",
                        "SNAPSHOT_END", "BUY", "SELL", "true", "false", "AAPL", "", " ", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775808", "2147483648", "0", "1"),
                Arbitraries.strings().withChars("ab,\"\r ;\tÄ").ofMaxLength(6));
        Arbitrary<String> anyFields = field.list().ofMinSize(0).ofMaxSize(12).map(fs -> String.join(",", fs));
        // well-formed lines with one field replaced, so that every field's own checks are reached
        Arbitrary<String> oneFieldOff = Combinators.combine(Arbitraries.of(
                "1,ADD,AAPL,11,BUY,100,5,2,,", "2,EXECUTE,AAPL,11,,100,3,,77,", "3,REDUCE,AAPL,12,,,4,,,",
                "4,REPLACE,AAPL,12,,101,6,,,false", "6,DELETE,AAPL,13,,,,,,", "7,SNAPSHOT_START,,,,,1,,,",
                "8,SNAPSHOT_ORDER,AAPL,11,SELL,9,1,,,", "9,SNAPSHOT_END,,,,,,,,"), Arbitraries.integers().between(0, 9), field)
                .as((good, at, value) -> {
                    String[] f = good.split(",", -1);
                    f[at] = value;
                    return String.join(",", f);
                });
        return Arbitraries.oneOf(anyFields, oneFieldOff);
    }

    @Property
    void aLineIsReadOrRefusedNamingItsLine(@ForAll("lines") String line) {
        try {
            FeedMessage m = FeedCsv.parse(line, 7);
            assertThat(m.seq()).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("feed line 7: ");
        }
    }

    @Example
    void aMessageQuotesOnlyTheBeginningOfALongLineOrField() throws IOException {
        String longId = "9".repeat(100_000) + "x";
        String bad = "3,ADD,ES," + longId + ",BUY,100,5,1,,";
        assertThat(catchThrowable(() -> FeedCsv.parse(bad, 2)).getMessage())
                .startsWith("feed line 2: order_id must be a whole number, got '99999")
                .endsWith("... (100,001 characters)'").hasSizeLessThan(200);
        String fields = "x".repeat(50_000);
        assertThat(catchThrowable(() -> FeedCsv.parse(fields, 3)).getMessage())
                .startsWith("feed line 3: expected 10 fields, got 1: xxx").endsWith("(50,000 characters)").hasSizeLessThan(200);
        BufferedReader header = new BufferedReader(new StringReader("h".repeat(20_000) + "\n"));
        assertThat(catchThrowable(() -> FeedCsv.read(header, m -> { })).getMessage())
                .startsWith("feed line 1: the header must be").endsWith("(20,000 characters)'").hasSizeLessThan(300);
    }
}
