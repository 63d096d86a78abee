package io.relais.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** robots.txt rules, URL spelling, private addresses refused, chunking along headings with overlap. */
class CrawlerRulesTest {

    @Test
    void robots_rules_pick_the_agents_group_and_the_longest_match() {
        Robots robots = Robots.parse("""
                User-agent: *
                Disallow: /private/
                Allow: /private/open
                Disallow: /*.pdf$

                User-agent: OtherBot
                Disallow: /
                """, "RelaisBot/0.1");
        assertThat(robots.allows("/")).isTrue();
        assertThat(robots.allows("/private/x")).isFalse();
        assertThat(robots.allows("/private/open/page")).isTrue();
        assertThat(robots.allows("/doc.pdf")).isFalse();
        assertThat(robots.allows("/doc.pdf?x=1")).isTrue();
        assertThat(Robots.parse("User-agent: RelaisBot\nDisallow: /\n\nUser-agent: *\nDisallow:\n", "RelaisBot/0.1").allows("/a")).isFalse();
    }

    @Test
    void one_spelling_per_url() {
        assertThat(Urls.normalise("HTTP://Example.ORG:80/a?b=1#frag")).isEqualTo("http://example.org/a?b=1");
        assertThat(Urls.normalise("https://example.org")).isEqualTo("https://example.org/");
        assertThat(Urls.normalise("mailto:x@example.org")).isNull();
        assertThat(Urls.normalise("javascript:void(0)")).isNull();
        // a directory's index document is the directory: "/" and "/index.html" are one page
        assertThat(Urls.normalise("https://example.org/index.html")).isEqualTo("https://example.org/");
        assertThat(Urls.normalise("https://example.org/docs/INDEX.HTM")).isEqualTo("https://example.org/docs/");
        assertThat(Urls.normalise("https://example.org/default.aspx?x=1")).isEqualTo("https://example.org/?x=1");
        assertThat(Urls.normalise("https://example.org/index.html.bak")).isEqualTo("https://example.org/index.html.bak");
    }

    @Test
    void loopback_and_private_addresses_are_refused_unless_allowed() {
        CrawlSettings settings = new CrawlSettings("http://127.0.0.1:9/", "127.0.0.1", 10, 2, List.of(), List.of(),
                Duration.ZERO, Duration.ofSeconds(1), 1000, false, "RelaisBot/0.1");
        List<String> skipped = new ArrayList<>();
        new SiteCrawler(settings).crawl(new SiteCrawler.Listener() {
            @Override
            public void page(String url, org.jsoup.nodes.Document document, int depth) {
                throw new AssertionError("fetched " + url);
            }

            @Override
            public void skipped(String url, String reason) {
                skipped.add(reason);
            }

            @Override
            public void failed(String url, String reason) {
                throw new AssertionError("tried " + url + ": " + reason);
            }
        }, () -> false);
        assertThat(skipped).singleElement().asString().contains("private, loopback or link-local");
    }

    @Test
    void chunks_follow_headings_leave_navigation_out_and_overlap() {
        String body = "<nav>Home Menu</nav><main><h1>Roses</h1><p>" + "Roses like sun. ".repeat(20) + "</p><p>Short tip.</p><p>"
                + "Water them at the foot. ".repeat(20) + "</p><h2>Pruning</h2><p>Prune in March.</p></main><footer>Legal</footer>";
        TextChunker.Page page = new TextChunker(400).extract(Jsoup.parse("<html><head><title>Garden</title></head><body>" + body));
        assertThat(page.title()).isEqualTo("Garden");
        assertThat(page.text()).doesNotContain("Home Menu").doesNotContain("Legal");
        assertThat(page.chunks()).extracting(TextChunker.Chunk::heading).contains("Roses", "Pruning");
        assertThat(page.chunks()).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(500));
        assertThat(page.chunks().stream().filter(c -> c.text().contains("Short tip."))).hasSizeGreaterThanOrEqualTo(2); // overlap
    }
}
