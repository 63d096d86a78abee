package io.relais.knowledge.crawl;

import java.net.URI;
import java.util.Locale;

/**
 * One spelling per page: scheme and host in lower case, no fragment, no default port, "/" for an empty path, and a
 * directory's index document ({@code index.html}, {@code index.htm}, {@code index.php}, {@code default.aspx}...) named
 * by its directory, so {@code /} and {@code /index.html} are one page.
 */
public final class Urls {

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile(
            "/(?:index|default)\\.(?:html?|php|aspx?|jsp)$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private Urls() {
    }

    /** The normalised URL, or null when it is not http(s). */
    public static String normalise(String url) {
        if (url == null || url.isBlank()) return null;
        try {
            URI u = URI.create(url.strip().replace(" ", "%20"));
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) return null;
            int port = u.getPort();
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) port = -1;
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            path = INDEX.matcher(path).replaceFirst("/");
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + path
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
