package io.cift.examples.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** cift replay in a child JVM with a small heap: books grow on demand, and running out of memory is one line. */
class ReplayMemoryIT {

    @TempDir
    Path dir;

    private static Process cift(Path out, String heap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        Path jar = Path.of("target", "cift.jar");
        if (Files.exists(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cift.examples.cli.CiftCommand"));
        }
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    @Test
    void fourHundredSymbolsReplayInASmallHeapAndOutOfMemoryIsOneLine() throws Exception {
        StringBuilder csv = new StringBuilder(OrderCsvReader.HEADER).append('\n');
        for (int i = 1; i <= 400; i++) {
            csv.append("S").append(i).append(",NEW,").append(i).append(",BUY,LIMIT,GTC,100,1\n");
        }
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, csv);
        Path log = dir.resolve("ok.log");
        Process ok = cift(log, "-Xmx64m", "replay", "--orders", orders.toString());
        assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("commands        400");

        // a capacity the heap cannot hold: one line and exit 1, never a stack trace
        Path oomLog = dir.resolve("oom.log");
        Process oom = cift(oomLog, "-Xmx48m", "replay", "--orders", orders.toString(), "--initial-capacity", "16000000");
        assertThat(oom.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(oomLog, StandardCharsets.UTF_8);
        assertThat(oom.exitValue()).as(text).isEqualTo(1);
        assertThat(text).contains("cift: out of memory").doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
