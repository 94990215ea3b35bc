package io.cift.examples.cli;

import io.cift.analytics.BackendSelector;
import io.cift.analytics.RoutingConfig;
import picocli.CommandLine.Option;

import io.cift.core.config.CiftSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the databases are: the settings of {@code --config FILE} over the environment
 * ({@link CiftSettings}: {@code cift.postgres.url} or {@code CIFT_POSTGRES_URL}, and so on; see
 * {@link RoutingConfig#fromSettings}), else the loopback defaults that {@code scripts/services.sh} uses.
 */
final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Connection properties (cift.postgres.url, cift.clickhouse.url, ...).")
    Path config;

    RoutingConfig.Builder builder() throws IOException {
        CiftSettings settings;
        try {
            settings = CiftSettings.load(config);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        // a command line runs once: no background sync, a short wait for a connection
        return RoutingConfig.fromSettings(settings).syncInterval(Duration.ZERO)
                .connectTimeout(Duration.ofMillis(Math.max(250, Long.getLong("cift.connect.timeout.ms", 2_000))));
    }

    static BackendSelector selector(picocli.CommandLine.Model.CommandSpec spec, String backend) {
        return switch (backend) {
            case "auto" -> BackendSelector.byQueryShape();
            case "clickhouse" -> BackendSelector.prefer(io.cift.analytics.Backend.CLICKHOUSE);
            case "postgres", "postgresql" -> BackendSelector.prefer(io.cift.analytics.Backend.POSTGRESQL);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--backend must be auto, clickhouse or postgres, got '" + backend + "'");
        };
    }
}
