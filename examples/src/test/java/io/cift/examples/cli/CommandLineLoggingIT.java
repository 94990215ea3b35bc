package io.cift.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's logging, in a child JVM as a user runs it (a logger is configured once per process):
 * warnings and errors only on stderr by default, state changes (INFO) too with {@code --verbose}, and the
 * replay summary lines unchanged either way.
 */
class CommandLineLoggingIT {

    @TempDir
    Path dir;

    private String replay(String journal, boolean verbose) throws Exception {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, "symbol,action,order_id,side,type,tif,price,qty\n"
                + "AAPL,NEW,1,BUY,LIMIT,GTC,100,5\nAAPL,NEW,2,SELL,LIMIT,GTC,100,3\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), "io.cift.examples.cli.CiftCommand", "replay",
                "--orders", orders.toString(), "--trades-out", dir.resolve(journal + ".csv").toString(),
                "--journal", dir.resolve(journal).toString()));
        if (verbose) {
            cmd.add("--verbose");
        }
        Path err = dir.resolve(journal + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isZero();
        return stderr;
    }

    @Test
    void infoOnlyWithVerboseAndTheSummaryEitherWay() throws Exception {
        String quiet = replay("j1", false);
        // no word from slf4j itself either: the provider the command line names is found
        assertThat(quiet).contains("commands", "trades", "elapsed_ms").doesNotContain("[INFO]", "SLF4J");
        String verbose = replay("j2", true);
        assertThat(verbose).contains("commands", "trades", "elapsed_ms")
                .containsPattern("\\[INFO\\] JournaledEngine - engine \\S+: new journal in .*j2");
    }
}
