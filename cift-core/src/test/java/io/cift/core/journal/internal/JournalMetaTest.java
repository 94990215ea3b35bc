package io.cift.core.journal.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class JournalMetaTest {

    @Test
    void linesReadBackThroughPropertiesLoadAsWritten() throws IOException {
        List<String> values = List.of("plain", "", " leading and trailing ", "a=b:c#d!e\\f", "tab\there\nnew\rline\fform",
                "\u00e9t\u00e9 \u4e2d \ud83d\ude00", "#comment-like", "!bang", "\u0001control", "end\\");
        StringBuilder text = new StringBuilder("# header\n");
        for (int i = 0; i < values.size(); i++) {
            JournalMeta.line(text, "key " + i + "=:#", values.get(i));
        }
        Properties p = new Properties();
        p.load(new StringReader(text.toString()));
        assertThat(p).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(p.getProperty("key " + i + "=:#")).as("value %d", i).isEqualTo(values.get(i));
        }
    }
}
