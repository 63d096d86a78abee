package io.relais.knowledge.crawl;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The main text of a page (navigation, headers, footers, scripts and forms left out; {@code main}, {@code article} or
 * the body) cut into chunks along its headings and paragraphs: a chunk stays under one heading, holds whole
 * paragraphs up to about {@code targetChars}, and starts with the last paragraph of the previous chunk when that one
 * is short (overlap), so an answer split across two chunks is still found whole in one.
 */
public final class TextChunker {

    public record Chunk(int position, String heading, String text) {
    }

    public record Page(String title, List<Chunk> chunks, String text) {
    }

    private final int targetChars;

    public TextChunker(int targetChars) {
        this.targetChars = targetChars;
    }

    public Page extract(Document doc) {
        String title = doc.title().isBlank() ? (doc.selectFirst("h1") == null ? "" : doc.selectFirst("h1").text()) : doc.title();
        Document copy = doc.clone();
        copy.select("script, style, noscript, nav, header, footer, aside, form, iframe, svg, template, [aria-hidden=true], "
                + "[role=navigation], .nav, .menu, .cookie, .breadcrumb").remove();
        Element root = copy.selectFirst("main");
        if (root == null) root = copy.selectFirst("article");
        if (root == null) root = copy.selectFirst("[role=main]");
        if (root == null) root = copy.body();
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        if (root == null) return new Page(title.strip(), chunks, "");
        String heading = title.strip();
        List<String> paragraphs = new ArrayList<>();
        for (Element e : root.select("h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, td, dd, dt, figcaption")) {
            if (!e.tagName().matches("h[1-6]") && e.select("p, li, pre, blockquote, td, dd").stream().anyMatch(inner -> inner != e)) {
                continue; // its inner blocks come on their own (select() includes the element itself)
            }
            String text = e.text().strip();
            if (text.isEmpty()) continue;
            if (e.tagName().matches("h[1-6]")) {
                flush(chunks, heading, paragraphs);
                heading = text;
            } else {
                paragraphs.add(text);
                all.append(text).append('\n');
            }
        }
        flush(chunks, heading, paragraphs);
        if (chunks.isEmpty()) {
            String text = root.text().strip();
            if (!text.isEmpty()) {
                paragraphs.add(text);
                flush(chunks, heading, paragraphs);
                all.append(text);
            }
        }
        return new Page(title.strip(), chunks, all.toString());
    }

    private void flush(List<Chunk> chunks, String heading, List<String> paragraphs) {
        StringBuilder current = new StringBuilder();
        String last = null;
        for (String p : paragraphs) {
            for (String piece : split(p)) {
                if (current.length() > 0 && current.length() + piece.length() > targetChars) {
                    chunks.add(new Chunk(chunks.size(), heading, current.toString().strip()));
                    current.setLength(0);
                    if (last != null && last.length() < targetChars / 3) current.append(last).append('\n');
                }
                current.append(piece).append('\n');
                last = piece;
            }
        }
        if (current.length() > 0) chunks.add(new Chunk(chunks.size(), heading, current.toString().strip()));
        paragraphs.clear();
    }

    /** A paragraph longer than the target is cut at sentence ends. */
    private List<String> split(String paragraph) {
        if (paragraph.length() <= targetChars) return List.of(paragraph);
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
            if (piece.length() > 0 && piece.length() + sentence.length() > targetChars) {
                out.add(piece.toString().strip());
                piece.setLength(0);
            }
            piece.append(sentence).append(' ');
        }
        if (piece.length() > 0) out.add(piece.toString().strip());
        return out;
    }
}
