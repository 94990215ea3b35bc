package io.cift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cift} launcher script's class-data archive, run as a user runs it: the first start makes the archive,
 * later starts map their classes from it, and neither the archive nor a damaged one changes a byte of what a
 * command writes to stdout. The script and the packaged jar are copied into a directory of their own, so the
 * script finds no sources newer than the jar (it builds nothing) and the archive lands there.
 */
class CiftLauncherIT {

    @TempDir
    Path root;

    private Path archive;

    @BeforeEach
    void copyLauncher() throws Exception {
        Path module = Path.of(System.getProperty("user.dir"));
        Files.copy(module.resolveSibling("cift"), root.resolve("cift"));
        Path target = Files.createDirectories(root.resolve("examples/target"));
        Files.copy(module.resolve("target/cift.jar"), target.resolve("cift.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        archive = target.resolve("cift.jsa");
        Files.writeString(root.resolve("orders.csv"), "symbol,action,order_id,side,type,tif,price,qty\n"
                + "AAPL,NEW,1,BUY,LIMIT,GTC,100,5\nAAPL,NEW,2,SELL,LIMIT,GTC,100,3\nAAPL,CANCEL,1,,,,,\n");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cift(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("cift").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        pb.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("CIFT_CDS");
        pb.environment().remove("CIFT_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void journalOnce() throws Exception {
        Run replay = cift(Map.of(), "replay", "--orders", root.resolve("orders.csv").toString(),
                "--trades-out", root.resolve("trades.csv").toString(), "--journal", root.resolve("j").toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.err()).doesNotContain("building");
    }

    private void assertInfoIsCleanJson(Run info) throws Exception {
        assertThat(info.exit()).as(info.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(info.out());   // the whole of stdout: no JVM message before it
        assertThat(json.get("commands").asLong()).isEqualTo(3);
        assertThat(info.out().strip()).startsWith("{").endsWith("}");
        assertThat(info.err()).doesNotContainIgnoringCase("cds").doesNotContain("shared archive");
    }

    @Test
    void theFirstStartMakesTheArchiveAndLaterStartsLoadClassesFromIt() throws Exception {
        journalOnce();
        assertThat(archive).isNotEmptyFile();
        FileTime made = Files.getLastModifiedTime(archive);
        assertThat(Files.readString(root.resolve("examples/target/cift.jsa.stamp")))
                .endsWith(root.resolve("examples/target/cift.jar").toString());

        Path classLog = root.resolve("classes.log");
        Run info = cift(Map.of("CIFT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "journal", "info",
                "--journal", root.resolve("j").toString(), "--json");
        assertInfoIsCleanJson(info);
        assertThat(Files.readString(classLog)).contains("io.cift.examples.cli.CiftCommand source: shared objects file (top)");
        assertThat(Files.getLastModifiedTime(archive)).as("made once, not again at every start").isEqualTo(made);
    }

    @Test
    void aJavaThatCannotMakeAnArchiveIsAskedOncePerBuild() throws Exception {
        // a java that fails every start of the archive-making run: the script tries once, notes it, and runs on
        Path fakeBin = Files.createDirectories(root.resolve("fake-bin"));
        Path calls = root.resolve("calls.txt");
        Path fakeJava = fakeBin.resolve("java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\n"
                + "echo \"$*\" >> " + calls + "\n"
                + "case \"$*\" in *ArchiveClassesAtExit*) exit 1 ;; esac\n"
                + "exec " + Path.of(System.getProperty("java.home"), "bin", "java") + " \"$@\"\n");
        fakeJava.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", fakeBin + File.pathSeparator + System.getenv("PATH"));
        for (int i = 0; i < 2; i++) {
            Run help = cift(env, "--help");
            assertThat(help.exit()).as(help.err()).isZero();
            assertThat(help.out()).startsWith("Usage: cift");
        }
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).filteredOn(l -> l.contains("ArchiveClassesAtExit")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.contains("SharedArchiveFile")).isEmpty();
        assertThat(archive).doesNotExist();
    }

    private void assertArchiveNotUsedAndOutputClean() throws Exception {
        Path classLog = root.resolve("classes.log");
        Run info = cift(Map.of("CIFT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "journal", "info",
                "--journal", root.resolve("j").toString(), "--json");
        assertInfoIsCleanJson(info);
        assertThat(Files.readString(classLog)).doesNotContain("shared objects file (top)");
    }

    @Test
    void anArchiveMadeForAnotherJarIsNotUsedAndChangesNothingACommandPrints() throws Exception {
        journalOnce();
        // the jar is not the one the archive recorded (its time differs) but still older than the archive, so the
        // script hands the archive over and the JVM refuses it, with a warning it would print on stdout
        Path jar = root.resolve("examples/target/cift.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() - 10_000));
        assertArchiveNotUsedAndOutputClean();
    }

    @Test
    void aDamagedArchiveIsNotUsedAndChangesNothingACommandPrints() throws Exception {
        journalOnce();
        FileTime made = Files.getLastModifiedTime(archive);
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        Files.setLastModifiedTime(archive, made);   // still current by the script's rule, so it is handed to the JVM
        assertArchiveNotUsedAndOutputClean();
    }

    @Test
    void toolsThatFailWhileTheArchiveIsMadeDoNotStopTheCommand() throws Exception {
        // a readlink without -f (older macOS) and a mv that cannot move: the script runs the command all the same
        Path fakeBin = Files.createDirectories(root.resolve("failing-bin"));
        for (String tool : List.of("readlink", "mv")) {
            Path t = fakeBin.resolve(tool);
            Files.writeString(t, "#!/usr/bin/env bash\nexit 1\n");
            t.toFile().setExecutable(true);
        }
        Map<String, String> env = Map.of("PATH", fakeBin + File.pathSeparator
                + Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        Run help = cift(env, "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: cift");
        assertThat(archive).doesNotExist();
    }

    @Test
    void ciftCdsZeroMakesNoArchive() throws Exception {
        Run info = cift(Map.of("CIFT_CDS", "0"), "--help");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out()).startsWith("Usage: cift");
        assertThat(archive).doesNotExist();
    }
}
