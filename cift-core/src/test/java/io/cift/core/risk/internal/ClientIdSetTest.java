package io.cift.core.risk.internal;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The session's client order ids against a plain set, through sparse pages, dense pages and snapshots. */
class ClientIdSetTest {

    private static long next(SplittableRandom r, long[] counter) {
        return switch (r.nextInt(5)) {
            case 0 -> counter[0]++;                                                  // increasing
            case 1 -> (counter[0] & ~1023L) + r.nextInt(1024);                       // out of order near the top
            case 2 -> r.nextLong();                                                  // anywhere, negative too
            case 3 -> r.nextInt(3) * 65_536L + r.nextInt(700);                        // pages that turn dense
            default -> Long.MAX_VALUE - r.nextInt(100) * (r.nextBoolean() ? 1 : 70_000L); // the far end
        };
    }

    @Test
    void agreesWithAPlainSetAndSurvivesASnapshot() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        ClientIdSet set = new ClientIdSet();
        Set<Long> model = new HashSet<>();
        long[] counter = {1L << 20};
        for (int i = 0; i < 200_000; i++) {
            long id = next(r, counter);
            assertThat(set.contains(id)).isEqualTo(model.contains(id));
            set.add(id);
            model.add(id);
            if (i % 997 == 0) {
                long probe = next(r, counter);
                assertThat(set.contains(probe)).as("id %d", probe).isEqualTo(model.contains(probe));
            }
        }
        assertThat(set.size()).isEqualTo(model.size());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.write(new DataOutputStream(bytes));
        ClientIdSet back = new ClientIdSet();
        back.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.size()).isEqualTo(model.size());
        for (long id : model) {
            assertThat(back.contains(id)).isTrue();
        }
        for (int i = 0; i < 10_000; i++) {
            long probe = next(r, counter);
            assertThat(back.contains(probe)).isEqualTo(model.contains(probe));
        }
    }

    @Test
    void readsTheFormatEarlierVersionsWrote() throws Exception {
        long[] ids = {1, 2, 70_000, -1, Long.MIN_VALUE, 5L << 32 | 9, Long.MAX_VALUE};
        Map<Integer, RoaringBitmap> byHigh = new TreeMap<>();
        for (long id : ids) {
            byHigh.computeIfAbsent((int) (id >>> 32), h -> new RoaringBitmap()).add((int) id);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(byHigh.size());
        for (Map.Entry<Integer, RoaringBitmap> e : byHigh.entrySet()) {
            out.writeInt(e.getKey());
            e.getValue().serialize(out);
        }
        ClientIdSet set = new ClientIdSet();
        set.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(set.size()).isEqualTo(ids.length);
        for (long id : ids) {
            assertThat(set.contains(id)).as("id %d", id).isTrue();
        }
        assertThat(set.contains(3)).isFalse();
        assertThat(set.contains(Long.MIN_VALUE + 1)).isFalse();
    }
}
