package io.relais.knowledge.crawl;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** One crawl: where it starts, how far it may go, what it may fetch. */
public record CrawlSettings(String startUrl, String domain, int maxPages, int maxDepth, List<Pattern> include,
                            List<Pattern> exclude, Duration politeness, Duration timeout, long maxBytes,
                            boolean allowPrivateNetworks, String userAgent) {
}
