package io.relais.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL server from the zonky binaries artifact, data kept in a directory so a restart keeps state. */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
    }

    public void start() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDirectory);
            LeftoverServer.stopIfRunning(dataDirectory.resolve("postmaster.pid"), "postgres");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Spring stops it after everything that uses it; a hook of its own races the context close
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("fsync", "on")
                    // no replicas to feed: a table emptied and refilled in one transaction (the retail load) writes
                    // no WAL for its COPY; crash safety is unchanged, pg_dump backups too
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
        }
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {} (started in {} ms)",
                port, dataDirectory, (System.nanoTime() - started) / 1_000_000);
    }

    public int port() {
        return port;
    }

    public void stop() {
        if (postgres == null) return;
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
