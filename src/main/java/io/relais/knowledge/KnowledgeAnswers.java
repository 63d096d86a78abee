package io.relais.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.relais.knowledge.index.VectorIndex;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.platform.ai.ChatModelChain;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/**
 * {@code POST /api/knowledge/ask}: the caller's chunks most related to the question, by meaning (in-process
 * embeddings, exact cosine) and by words (PostgreSQL full text), fused by reciprocal rank; then an answer from the
 * configured model (camel-langchain4j-chat) or, without one, the best passages themselves. Always with the sources
 * used. Below {@code relais.knowledge.min-relevance} it says it does not know.
 */
@Service("knowledgeAnswers")
@Validated
public class KnowledgeAnswers {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeAnswers.class);
    private static final Set<String> STOP = io.relais.knowledge.index.Bm25.STOP_WORDS;

    public record KnowledgeQuestion(@NotBlank @Size(max = 2000) String question, String ingestionId, @Min(1) @Max(20) Integer topK) {
    }

    public record Source(String url, String title, String heading, String quote, double score) {
    }

    private final JdbcClient jdbc;
    private final KnowledgeStore store;
    private final EmbeddingModel embeddings;
    private final KnowledgeSettings settings;
    private final ChatModelChain model;
    private final ProducerTemplate camel;

    KnowledgeAnswers(JdbcClient jdbc, KnowledgeStore store, @org.springframework.context.annotation.Lazy EmbeddingModel embeddings, KnowledgeSettings settings,
                     ChatModelChain model, ProducerTemplate camel) {
        this.jdbc = jdbc;
        this.store = store;
        this.embeddings = embeddings;
        this.settings = settings;
        this.model = model;
        this.camel = camel;
    }

    /** The passages retrieved for a question, best first, with their cosine, and whether words of it matched. */
    public record Retrieved(List<String> chunkIds, Map<String, Double> cosine, double topCosine, boolean lexicalHits) {
    }

    /**
     * Hybrid retrieval: the sentence-embedding neighbours and the lexical (BM25) hits of the question, fused by
     * reciprocal rank; the best {@code k} passages.
     */
    public Retrieved retrieve(String question, Set<UUID> sources, int k) {
        store.refresh(sources);
        float[] vector = embeddings.embed(question).content().vector();
        List<VectorIndex.Hit> semantic = store.semanticSearch(vector, sources, k * 3);
        List<String> lexical = store.textSearch(question, sources, k * 3);
        Map<String, Double> fused = new HashMap<>();
        Map<String, Double> cosine = new HashMap<>();
        for (int i = 0; i < semantic.size(); i++) {
            fused.merge(semantic.get(i).chunkId(), 1.0 / (60 + i), Double::sum);
            cosine.put(semantic.get(i).chunkId(), semantic.get(i).score());
        }
        for (int i = 0; i < lexical.size(); i++) fused.merge(lexical.get(i), 1.0 / (60 + i), Double::sum);
        List<String> best = fused.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(k).map(Map.Entry::getKey).toList();
        return new Retrieved(best, cosine, semantic.isEmpty() ? 0 : semantic.get(0).score(), !lexical.isEmpty());
    }

    /** The sources an owner may ask (one ingestion's, or all theirs). */
    public Set<UUID> sourcesOf(String owner, String ingestionId) {
        return sources(owner, ingestionId);
    }

    public Map<String, Object> ask(@Body @Valid KnowledgeQuestion q, @VerifiedCaller Caller caller) {
        String owner = Caller.nameOf(caller);
        long t0 = System.nanoTime();
        Set<UUID> sources = sources(owner, q.ingestionId());
        int k = q.topK() == null ? settings.defaultTopK() : q.topK();
        Retrieved retrieved = retrieve(q.question(), sources, k);
        List<String> best = retrieved.chunkIds();
        Map<String, Double> cosine = retrieved.cosine();
        double topCosine = retrieved.topCosine();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("question", q.question());
        answer.put("relevance", Math.round(topCosine * 1000) / 1000.0);
        if (best.isEmpty() || topCosine < settings.minRelevance() && !retrieved.lexicalHits()) {
            answer.put("answer", "I don't know: nothing in your ingested pages is close enough to this question.");
            answer.put("known", false);
            answer.put("sources", List.of());
            answer.put("servedBy", "retrieval");
            answer.put("ms", (System.nanoTime() - t0) / 1_000_000);
            return answer;
        }
        // the same passage on two pages (a page under two addresses, a repeated block) is cited once
        Set<String> seenPassages = new HashSet<>();
        List<KnowledgeStore.StoredChunk> chunks = store.chunks(best).stream()
                .filter(c -> seenPassages.add(c.text().strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT))).toList();
        List<Source> used = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String servedBy = "extractive";
        if (model.available()) {
            try {
                text.append(generate(q.question(), chunks));
                ChatModelChain.Turn turn = ChatModelChain.turn();
                servedBy = turn.servedBy();
                if (!turn.notServed().isEmpty()) answer.put("fallbackReason", "skipped: " + String.join("; ", turn.notServed()));
                for (KnowledgeStore.StoredChunk c : chunks) used.add(source(c, q.question(), cosine.getOrDefault(c.id(), 0.0)));
            } catch (RuntimeException e) {
                log.warn("Knowledge model failed ({}); answering with the passages", e.getMessage());
                answer.put("fallbackReason", e.getMessage());
            }
        }
        if ("extractive".equals(servedBy)) {
            // the best passages, each with its page: the one or two sentences that share most words with the question
            Set<String> quoted = new HashSet<>();
            for (KnowledgeStore.StoredChunk c : chunks.subList(0, Math.min(3, chunks.size()))) {
                Source s = source(c, q.question(), cosine.getOrDefault(c.id(), 0.0));
                if (!quoted.add(s.quote().strip())) continue;
                used.add(s);
                if (text.length() > 0) text.append("\n");
                text.append(s.quote()).append(" [").append(used.size()).append("]");
            }
        }
        answer.put("answer", text.toString());
        answer.put("known", true);
        answer.put("sources", used);
        answer.put("servedBy", servedBy);
        answer.put("ms", (System.nanoTime() - t0) / 1_000_000);
        return answer;
    }

    private String generate(String question, List<KnowledgeStore.StoredChunk> chunks) {
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            context.append("[").append(i + 1).append("] ").append(chunks.get(i).title()).append(" (").append(chunks.get(i).url())
                    .append(")\n").append(chunks.get(i).text()).append("\n\n");
        }
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from("""
                Answer the question only from the numbered passages, in the question's language, briefly, citing passages
                as [n]. If the passages do not answer it, say you do not know."""),
                UserMessage.from("Passages:\n" + context + "\nQuestion: " + question)));
        ChatModelChain.newTurn();
        String text = camel.requestBody("direct:knowledge-answer-model", messages, String.class);
        if (text == null || text.isBlank()) throw new IllegalStateException("the model gave no answer");
        return text.strip();
    }

    static Source source(KnowledgeStore.StoredChunk c, String question, double score) {
        Set<String> words = words(question);
        String[] sentences = c.text().split("(?<=[.!?])\\s+|\\n");
        List<String> ranked = new ArrayList<>(List.of(sentences));
        ranked.sort(Comparator.comparingInt((String s) -> -overlap(words(s), words)));
        String quote = ranked.get(0).strip();
        if (quote.length() < 80 && ranked.size() > 1 && overlap(words(ranked.get(1)), words) > 0) quote += " " + ranked.get(1).strip();
        if (quote.length() > 400) quote = quote.substring(0, 400) + "...";
        return new Source(c.url(), c.title(), c.heading(), quote, Math.round(score * 1000) / 1000.0);
    }

    private static int overlap(Set<String> a, Set<String> b) {
        int n = 0;
        for (String w : a) if (b.contains(w)) n++;
        return n;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (w.length() > 2 && !STOP.contains(w)) out.add(w);
        return out;
    }

    private Set<UUID> sources(String owner, String ingestionId) {
        if (ingestionId != null && !ingestionId.isBlank()) {
            UUID id;
            try {
                id = UUID.fromString(ingestionId);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.notFound("no ingestion " + ingestionId);
            }
            return Set.of(jdbc.sql("select source_id from knowledge.ingestions where id = :id and owner = :owner").param("id", id)
                    .param("owner", owner).query(UUID.class).optional().orElseThrow(() -> ApiProblem.notFound("no ingestion " + ingestionId)));
        }
        return new HashSet<>(jdbc.sql("select id from knowledge.sources where owner = :owner").param("owner", owner).query(UUID.class).list());
    }
}
