package io.relais.platform.ops;

import java.net.URI;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * How to reach the database from a shell ({@code GET /api/admin/database}, admins): host, port, database and user,
 * and the commands that restore a backup into a new database. The embedded default listens on a port chosen at start
 * and trusts local connections (no password); an external database's password is never shown (it is the
 * deployment's {@code SPRING_DATASOURCE_PASSWORD}).
 */
@Service("databaseConnection")
public class DatabaseConnection {

    /** The connection details and the restore commands that use them. */
    public record Details(boolean embedded, String host, int port, String database, String user, String password,
                          String restore) {
    }

    private final Environment env;

    DatabaseConnection(Environment env) {
        this.env = env;
    }

    public Details describe() {
        String url = env.getProperty("spring.datasource.url", "");
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        String user = env.getProperty("spring.datasource.username", "postgres");
        boolean embedded = env.getProperty("relais.embedded.postgres.active", Boolean.class, false);
        String target = "-h " + host + " -p " + port + " -U " + user;
        String restore = "createdb " + target + " relais_restored && pg_restore --no-owner " + target
                + " -d relais_restored data/backups/<backup>.dump";
        return new Details(embedded, host, port, database, user,
                embedded ? "none: the embedded server trusts local connections" : "the deployment's SPRING_DATASOURCE_PASSWORD (not shown)",
                restore);
    }
}
