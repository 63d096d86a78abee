package io.relais.knowledge.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Breadth-first crawl of one site: within the domain (and its subdomains), robots.txt honoured, redirects followed
 * only inside the domain, canonical URLs de-duplicated, non-HTML and oversized responses skipped, a politeness delay
 * per host, timeouts; private, loopback and link-local addresses refused unless allowed. Every page fetched goes to
 * the listener; every URL not fetched is reported with its reason. Plain Java: no Camel, no database.
 */
public final class SiteCrawler {

    public interface Listener {
        void page(String url, Document document, int depth);

        void skipped(String url, String reason);

        void failed(String url, String reason);

        /** After each page: how many URLs wait in the queue (for progress and ETA). */
        default void queued(int waiting) {
        }
    }

    private final CrawlSettings settings;
    private final HttpClient http;
    private final Map<String, Robots> robots = new HashMap<>();
    private final Map<String, Long> lastFetch = new HashMap<>();

    public SiteCrawler(CrawlSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.timeout()).build();
    }

    /** Crawls until the queue is empty, the page limit is reached, or {@code cancelled} says stop. */
    public void crawl(Listener listener, BooleanSupplier cancelled) {
        Deque<Object[]> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        String start = Urls.normalise(settings.startUrl());
        if (start == null) {
            listener.failed(settings.startUrl(), "not an http(s) URL");
            return;
        }
        queue.add(new Object[] {start, 0});
        seen.add(start);
        int fetched = 0;
        while (!queue.isEmpty() && !cancelled.getAsBoolean()) {
            Object[] next = queue.poll();
            String url = (String) next[0];
            int depth = (Integer) next[1];
            if (fetched >= settings.maxPages()) {
                listener.skipped(url, "page limit (" + settings.maxPages() + ") reached");
                continue;
            }
            String refusal = refusal(url);
            if (refusal != null) {
                listener.skipped(url, refusal);
                continue;
            }
            Fetched page;
            try {
                page = fetch(url, 0);
            } catch (IOException e) {
                listener.failed(url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (page.skipReason != null) {
                listener.skipped(url, page.skipReason);
                continue;
            }
            if (page.failure != null) {
                listener.failed(url, page.failure);
                continue;
            }
            String finalUrl = page.url;
            if (!finalUrl.equals(url)) {
                if (!seen.add(finalUrl)) {
                    listener.skipped(url, "redirects to " + finalUrl + ", already crawled");
                    continue;
                }
            }
            Document doc = Jsoup.parse(page.body, finalUrl);
            Element canonical = doc.selectFirst("link[rel=canonical][href]");
            if (canonical != null) {
                String c = Urls.normalise(canonical.absUrl("href"));
                if (c != null && !c.equals(finalUrl) && inDomain(c)) {
                    if (!seen.add(c)) {
                        listener.skipped(finalUrl, "duplicate of canonical " + c);
                        continue;
                    }
                    finalUrl = c;
                }
            }
            fetched++;
            listener.page(finalUrl, doc, depth);
            listener.queued(queue.size());
            if (depth >= settings.maxDepth()) continue;
            for (Element a : doc.select("a[href]")) {
                String link = Urls.normalise(a.absUrl("href"));
                if (link == null || !seen.add(link)) continue;
                if (!inDomain(link)) {
                    listener.skipped(link, "outside the domain " + settings.domain());
                    continue;
                }
                queue.add(new Object[] {link, depth + 1});
            }
        }
        while (!queue.isEmpty() && cancelled.getAsBoolean()) listener.skipped((String) queue.poll()[0], "cancelled");
    }

    /** Why a URL may not be fetched at all, or null. */
    private String refusal(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (var p : settings.exclude()) if (p.matcher(url).find()) return "excluded by pattern " + p.pattern();
        if (!settings.include().isEmpty() && !url.equals(Urls.normalise(settings.startUrl()))
                && settings.include().stream().noneMatch(p -> p.matcher(url).find())) {
            return "not matched by the include patterns";
        }
        String privateReason = privateAddress(uri.getHost());
        if (privateReason != null) return privateReason;
        if (!robots(uri).allows(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))) return "disallowed by robots.txt";
        return null;
    }

    private String privateAddress(String host) {
        if (settings.allowPrivateNetworks()) return null;
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || isUniqueLocal(a)) {
                    return "private, loopback or link-local address " + a.getHostAddress() + " refused";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        }
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xFE) == 0xFC;
    }

    private Robots robots(URI uri) {
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return robots.computeIfAbsent(origin, o -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o + "/robots.txt")).timeout(settings.timeout())
                        .header("User-Agent", settings.userAgent()).GET().build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? Robots.parse(r.body(), settings.userAgent()) : Robots.ALLOW_ALL;
            } catch (IOException e) {
                return Robots.ALLOW_ALL;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Robots.ALLOW_ALL;
            }
        });
    }

    private static final class Fetched {
        String url;
        String body;
        String skipReason;
        String failure;
    }

    private Fetched fetch(String url, int redirects) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        politeWait(uri.getHost());
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("User-Agent", settings.userAgent()).header("Accept", "text/html,application/xhtml+xml").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Fetched f = new Fetched();
        f.url = url;
        int status = r.statusCode();
        if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
            r.body().close();
            String target = Urls.normalise(uri.resolve(r.headers().firstValue("Location").get()).toString());
            if (target == null) {
                f.failure = "redirect to an unreadable location";
            } else if (!inDomain(target)) {
                f.skipReason = "redirects outside the domain to " + target;
            } else if (redirects >= 5) {
                f.failure = "too many redirects";
            } else {
                String refusal = refusal(target);
                if (refusal != null) f.skipReason = "redirect target " + target + ": " + refusal;
                else return fetch(target, redirects + 1);
            }
            return f;
        }
        if (status != 200) {
            r.body().close();
            f.failure = "HTTP " + status;
            return f;
        }
        String type = r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("text/html") && !type.contains("application/xhtml")) {
            r.body().close();
            f.skipReason = "not HTML (" + type.split(";")[0].strip() + ")";
            return f;
        }
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > settings.maxBytes()) {
            r.body().close();
            f.skipReason = "too large (" + declared + " bytes, limit " + settings.maxBytes() + ")";
            return f;
        }
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1));
        }
        if (bytes.length > settings.maxBytes()) {
            f.skipReason = "too large (more than " + settings.maxBytes() + " bytes)";
            return f;
        }
        f.body = new String(bytes, charset(type));
        return f;
    }

    private static Charset charset(String contentType) {
        int i = contentType.indexOf("charset=");
        if (i < 0) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(contentType.substring(i + 8).replace("\"", "").split(";")[0].strip());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private void politeWait(String host) throws InterruptedException {
        Long last = lastFetch.get(host);
        long now = System.currentTimeMillis();
        if (last != null) {
            long wait = last + settings.politeness().toMillis() - now;
            if (wait > 0) Thread.sleep(wait);
        }
        lastFetch.put(host, System.currentTimeMillis());
    }

    boolean inDomain(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) return false;
            String h = host.toLowerCase(Locale.ROOT), d = settings.domain().toLowerCase(Locale.ROOT);
            return h.equals(d) || h.endsWith("." + d);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
