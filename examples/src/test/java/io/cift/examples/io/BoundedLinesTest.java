package io.cift.examples.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded line reader splits text exactly as {@link BufferedReader} does, and refuses a line past its bound. */
class BoundedLinesTest {

    @Provide
    Arbitrary<String> texts() {
        // line ends of every kind, runs long enough to cross the reader's 8,192-character buffer
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().withChars("ab,\r\n").ofMaxLength(12),
                Arbitraries.integers().between(8_000, 9_000).map("x"::repeat), Arbitraries.of("\r", "\n", "\r\n", "\n\r"));
        return piece.list().ofMaxSize(12).map(ps -> String.join("", ps));
    }

    private static List<String> lines(BufferedReader r) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            out.add(l);
        }
        return out;
    }

    @Property(tries = 300)
    void splitsLinesAsBufferedReaderDoes(@ForAll("texts") String text) throws IOException {
        List<String> expected = lines(new BufferedReader(new StringReader(text)));
        assertThat(lines(new BoundedLines.LineReader(new StringReader(text), "t.csv", 1 << 20))).isEqualTo(expected);
    }

    @Example
    void aLinePastTheBoundIsRefusedNamingItsNumber() {
        String text = "a\r\nbb\n" + "c".repeat(20_001) + "\nd\n";
        BufferedReader r = new BoundedLines.LineReader(new StringReader(text), "t.csv", 20_000);
        assertThatThrownBy(() -> lines(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.csv line 3: longer than 20,000 characters (no record of this file is): is it the right file?");
        assertThat(BoundedLines.excerpt("z".repeat(81))).isEqualTo("z".repeat(80) + "... (81 characters)");
        assertThat(BoundedLines.excerpt("z".repeat(80))).isEqualTo("z".repeat(80));
    }

    @Example
    void aLineExactlyAtTheBoundIsRead() throws IOException {
        String text = "c".repeat(20_000) + "\nd";
        assertThat(lines(new BoundedLines.LineReader(new StringReader(text), "t.csv", 20_000)))
                .containsExactly("c".repeat(20_000), "d");
    }
}
