package io.relais.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A small site over real HTTP for the crawler: robots.txt, redirects in and out of the domain, an off-domain link,
 * a broken link, a loop, a page too large, a PDF, a canonical duplicate, the home page again as /index.html. Pages can change between two crawls.
 */
final class TestSite implements AutoCloseable {

    final HttpServer server;
    final Map<String, String> pages = new ConcurrentHashMap<>();

    TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        pages.put("/", page("Relais Garden Co.", "<h1>Welcome</h1><p>Garden tools, roses and advice since 1998.</p>"
                + "<a href='/about'>About</a> <a href='/products'>Products</a> <a href='/private/secret'>Secret</a>"
                + "<a href='/redirect-in'>FAQ</a> <a href='/redirect-out'>Partner</a>"
                + "<a href='http://127.0.0.1:" + port + "/elsewhere'>Elsewhere</a> <a href='/broken'>Broken</a>"
                + "<a href='/loop-a'>Loop</a> <a href='/big'>Big</a> <a href='/catalogue.pdf'>PDF</a>"
                + "<a href='/about-copy'>About (copy)</a> <a href='/about#team'>Team</a> <a href='/index.html'>Home again</a>"));
        pages.put("/index.html", pages.get("/")); // the same page under its index name: crawled once
        pages.put("/about", page("About us", "<h1>About us</h1><p>Relais Garden Co. was founded in 1998 in Lyon by Marie Dupont."
                + " It employs twelve gardeners.</p><h2>Our values</h2><p>We grow without peat and we recycle every pot.</p>"));
        pages.put("/about-copy", "<html><head><title>About us</title><link rel='canonical' href='/about'></head><body>"
                + "<p>Relais Garden Co. was founded in 1998 in Lyon by Marie Dupont.</p></body></html>");
        pages.put("/products", page("Products", "<h1>Roses</h1><p>Our best-selling rose is the Pierre de Ronsard climbing rose,"
                + " which blooms from May to October.</p><h2>Tools</h2><p>Our pruning shears are forged in Thiers.</p>"));
        pages.put("/faq", page("FAQ", "<h1>Delivery</h1><p>Delivery takes 3 to 5 working days in mainland France.</p>"
                + "<h2>Returns</h2><p>Returns are accepted within 30 days with the receipt.</p>"));
        pages.put("/loop-a", page("Loop A", "<p>Loop A links to <a href='/loop-b'>B</a>.</p>"));
        pages.put("/loop-b", page("Loop B", "<p>Loop B links back to <a href='/loop-a'>A</a> and to <a href='/'>home</a>.</p>"));
        pages.put("/private/secret", page("Secret", "<p>Robots may not read this.</p>"));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/robots.txt" -> send(exchange, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
                case "/redirect-in" -> redirect(exchange, "/faq");
                case "/redirect-out" -> redirect(exchange, "http://127.0.0.1:" + port + "/partner");
                case "/big" -> send(exchange, 200, "text/html", "<html><body><p>" + "x".repeat(3_000_000) + "</p></body></html>");
                case "/catalogue.pdf" -> send(exchange, 200, "application/pdf", "%PDF-1.4 not a page");
                default -> {
                    String html = pages.get(path);
                    if (html == null) send(exchange, 404, "text/html", "<html><body>Not found</body></html>");
                    else send(exchange, 200, "text/html; charset=utf-8", html);
                }
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    static String page(String title, String body) {
        return "<html><head><title>" + title + "</title></head><body><nav><a href='/'>Home</a> menu menu menu</nav><main>"
                + body + "</main><footer>Copyright Relais Garden Co.</footer></body></html>";
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
