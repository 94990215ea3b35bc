package io.cift.examples.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DurablePrefixOutputTest {

    private static void put(DurablePrefixOutput o, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        o.write(b, 0, b.length);
    }

    @Test
    void bytesLeaveOnlyOnceTheirCommandIsDurable() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DurablePrefixOutput o = new DurablePrefixOutput(file);
        put(o, "a");
        o.mark(3);
        put(o, "bb");
        o.mark(5);
        o.mark(6);   // nothing new: 'bb' still belongs to command 5
        put(o, "ccc");
        o.flush();
        assertThat(file.size()).isZero();
        o.release(2);
        assertThat(file.toString(StandardCharsets.US_ASCII)).isEmpty();
        o.release(4);
        assertThat(file.toString(StandardCharsets.US_ASCII)).isEqualTo("a");
        o.release(5);
        assertThat(file.toString(StandardCharsets.US_ASCII)).isEqualTo("abb");
        o.mark(7);   // 'ccc' came after every earlier mark: it is command 7's
        o.release(6);
        assertThat(file.toString(StandardCharsets.US_ASCII)).as("'ccc' belongs to command 7").isEqualTo("abb");
        assertThat(o.held()).isEqualTo(3);
        o.release(7);
        assertThat(file.toString(StandardCharsets.US_ASCII)).isEqualTo("abbccc");
        assertThat(o.held()).isZero();
    }

    @Test
    void manyMarksAndMoreBytesThanTheFirstBufferKeepTheirOrder() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DurablePrefixOutput o = new DurablePrefixOutput(file);
        StringBuilder all = new StringBuilder();
        for (int seq = 1; seq <= 5_000; seq++) {
            String s = seq + ",trade-" + "x".repeat(seq % 50) + "\n";
            put(o, s);
            all.append(s);
            o.mark(seq);
            if (seq % 777 == 0) {
                o.release(seq - 300);   // the journal lags 300 commands behind
            }
        }
        o.release(5_000);
        o.close();
        assertThat(file.toString(StandardCharsets.US_ASCII)).isEqualTo(all.toString());
    }
}
