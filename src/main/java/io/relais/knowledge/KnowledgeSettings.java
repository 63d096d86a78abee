package io.relais.knowledge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The knowledge domain's settings ({@code relais.knowledge.*}). */
@ConfigurationProperties("relais.knowledge")
public record KnowledgeSettings(@DefaultValue Crawler crawler, @DefaultValue("2") int parallelJobs,
                                @DefaultValue("900") int chunkChars, @DefaultValue("0.25") double minRelevance,
                                @DefaultValue("5") int defaultTopK) {

    /**
     * The crawler: limits, politeness, what it may fetch. {@code allowPrivateNetworks} lets it fetch private,
     * loopback and link-local addresses (tests and intranets); off by default so a user cannot make the server
     * fetch internal services.
     */
    public record Crawler(@DefaultValue("200") int maxPages, @DefaultValue("5") int maxDepth,
                          @DefaultValue("500ms") Duration politeness, @DefaultValue("10s") Duration timeout,
                          @DefaultValue("2000000") long maxBytes, @DefaultValue("false") boolean allowPrivateNetworks,
                          @DefaultValue("RelaisBot/0.1 (+https://relais.io/bot)") String userAgent,
                          @DefaultValue("1000") int maxPagesLimit) {
    }
}
