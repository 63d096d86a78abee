package io.relais.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * GitHub's OAuth endpoints as GitHub serves them (authorize, access_token, /user, /user/emails), on a local port, for
 * the sign-in provider {@code fakehub} of type {@code github}. {@link #nextUser} says who signs in next.
 */
public final class FakeGithub {

    private static HttpServer server;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();
    private static volatile String[] next = {"1", "octocat", "octocat@example.org", "true"};

    private FakeGithub() {
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/login/oauth/authorize", FakeGithub::authorize);
            server.createContext("/login/oauth/access_token", FakeGithub::token);
            server.createContext("/user", FakeGithub::user);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next sign-in is GitHub user {@code id}, {@code login}, with this primary e-mail. */
    public static void nextUser(long id, String login, String email, boolean verified) {
        next = new String[] {Long.toString(id), login, email, Boolean.toString(verified)};
    }

    private static void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        tokens.put(code, String.join("\n", next));
        x.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state"));
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = tokens.remove(form.getOrDefault("code", ""));
        boolean basic = x.getRequestHeaders().getFirst("Authorization") != null;
        if (user == null || !basic) {
            json(x, 200, "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}");
            return;
        }
        String access = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(access, user);
        json(x, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
    }

    private static void user(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String user = auth == null ? null : tokens.get(auth.replaceFirst("(?i)^(bearer|token) ", ""));
        if (user == null) {
            json(x, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        String[] u = user.split("\n");
        if (x.getRequestURI().getPath().endsWith("/emails")) {
            json(x, 200, "[{\"email\":\"other-" + u[2] + "\",\"primary\":false,\"verified\":true},"
                    + "{\"email\":\"" + u[2] + "\",\"primary\":true,\"verified\":" + u[3] + "}]");
        } else {
            json(x, 200, "{\"id\":" + u[0] + ",\"login\":\"" + u[1] + "\",\"name\":\"The " + u[1] + "\",\"email\":null}");
        }
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }
}
