package io.relais.knowledge.crawl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * robots.txt rules for one user agent, as RFC 9309 reads them (crawler-commons): the group naming the agent's product
 * token (else "*"), Allow and Disallow with "*" and "$", the longest match wins, Allow on a tie.
 */
public final class Robots {

    static final Robots ALLOW_ALL = new Robots(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL));

    private final BaseRobotRules rules;

    private Robots(BaseRobotRules rules) {
        this.rules = rules;
    }

    public static Robots parse(String text, String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT).split("/")[0].strip();
        return new Robots(new SimpleRobotRulesParser().parseContent("http://site/robots.txt",
                text.getBytes(StandardCharsets.UTF_8), "text/plain", List.of(agent)));
    }

    /** {@code pathAndQuery}: the URL's path with its query, as "/a/b?c=d". */
    public boolean allows(String pathAndQuery) {
        return rules.isAllowed("http://site" + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
    }
}
