package io.cift.examples.boundary;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded defaults run with none of the optional pools, breakers, drivers and clients on the class path. */
class OptionalDependenciesTest {

    /** Jars a host that uses only the embedded defaults does not need. */
    private static final Pattern OPTIONAL = Pattern.compile(
            "HikariCP|resilience4j|postgresql-|jdbc-v2|client-v2|clickhouse-|jnats|jedis|questdb");

    @Test
    void theEmbeddedDefaultsNeedNoPoolBreakerDriverOrClient() throws Exception {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> !OPTIONAL.matcher(Path.of(e).getFileName().toString()).find())
                .collect(Collectors.toList());
        assertThat(kept.size()).as("some jars were left out").isLessThan(full.split(File.pathSeparator).length - 5);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, kept), EmbeddedOnly.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("days 2", "events 1", "ticks 1");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
