package io.relais.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/** A real redis-server binary (linux-amd64) bound to loopback, persisting to an append-only file in a directory. */
public final class EmbeddedRedisServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final Path dataDirectory;
    private final int port;
    private RedisServer redis;

    public EmbeddedRedisServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dataDirectory);
            LeftoverServer.stopIfRunning(dataDirectory.resolve("redis.pid"), "redis-server");
            redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDirectory)
                    .setting("pidfile " + dataDirectory.resolve("redis.pid"))
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy volatile-lru")
                    .build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Redis did not start", e);
        }
        log.info("Embedded Redis listening on 127.0.0.1:{} with data in {}", port, dataDirectory);
    }

    public int port() {
        return port;
    }

    /** Stops the server; also used by tests that check how Relais behaves while Redis is away. */
    public synchronized void stop() {
        if (redis == null) return;
        try {
            redis.stop();
            log.info("Embedded Redis stopped");
        } catch (IOException e) {
            log.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Starts the same server again after {@link #stop()}, or after it died (Relais' Redis probe calls this). */
    public synchronized void restart() {
        stop();
        start();
    }
}
