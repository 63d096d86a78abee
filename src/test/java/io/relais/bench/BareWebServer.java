package io.relais.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * The anchor for the platform's request path: the same embedded Tomcat, the same JDBC driver and pool size and
 * Jackson, one plain servlet that reads one user by id from Relais' own database and writes it as JSON. No Spring,
 * no Camel, no token, no Redis: what this machine serves over HTTP for one query, the floor under any framework.
 */
final class BareWebServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final HikariDataSource pool;
    private final int port;

    BareWebServer(int postgresPort, String database) throws IOException, LifecycleException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(30); // as Relais' pool
        config.setPoolName("bare-web");
        pool = new HikariDataSource(config);
        tomcat.setBaseDir(Files.createTempDirectory("bare-web").toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        if (context instanceof org.apache.catalina.core.StandardContext standard) {
            // its class loader's leak checks want --add-opens and only speak at shutdown; this context loads no classes
            standard.setClearReferencesObjectStreamClassCaches(false);
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        ObjectMapper json = new ObjectMapper();
        Tomcat.addServlet(context, "session", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                Map<String, Object> user = new LinkedHashMap<>();
                try (Connection c = pool.getConnection();
                     PreparedStatement s = c.prepareStatement("select id, username, email, display_name from platform.users where id = ?")) {
                    s.setObject(1, UUID.fromString(request.getParameter("id")));
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            response.sendError(404);
                            return;
                        }
                        user.put("id", rs.getObject(1).toString());
                        user.put("username", rs.getString(2));
                        user.put("email", rs.getString(3));
                        user.put("display_name", rs.getString(4));
                    }
                } catch (SQLException e) {
                    throw new IOException(e);
                }
                response.setContentType("application/json");
                json.writeValue(response.getOutputStream(), Map.of("user", user));
            }
        });
        context.addServletMappingDecoded("/session", "session");
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/session";
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
        pool.close();
    }
}
