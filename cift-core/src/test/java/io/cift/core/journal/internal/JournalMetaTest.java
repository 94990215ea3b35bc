package io.cift.core.journal.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

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

    @Test
    void newEngineIdsAreDistinctVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = JournalMeta.newEngineId();
            UUID u = UUID.fromString(id);
            assertThat(u.version()).as(id).isEqualTo(4);
            assertThat(u.variant()).as(id).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void uuid4KeepsTheRandomBitsAndSetsVersionAndVariant() {
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(JournalMeta.uuid4(ones)).hasToString("ffffffff-ffff-4fff-bfff-ffffffffffff");
        assertThat(JournalMeta.uuid4(new byte[16])).hasToString("00000000-0000-4000-8000-000000000000");
    }
}
