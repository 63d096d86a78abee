package io.relais.retail.sentiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.QueryParams;
import io.relais.retail.sentiment.TextFeatures.Vector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/**
 * Review sentiment, in-process: every review gets positive, neutral or negative with a score, from its label, else its
 * rating, else a model trained on the shop's own labelled and rated reviews (sentence embeddings and word n-grams, a
 * class-balanced linear classifier). Each training is a recorded run with its accuracy on a held-back fifth (overall,
 * per class and per language); the newest successful model serves {@code POST /api/retail/reviews/sentiment} and
 * the reviews that have only a text. Trained after each reviews load and on a schedule.
 */
@Service("reviewSentiment")
@Validated
public class ReviewSentiment {

    private static final Logger log = LoggerFactory.getLogger(ReviewSentiment.class);
    /** Fewer labelled or rated reviews than this, and no model is trained (the run says so). */
    static final int MIN_EXAMPLES = 30;
    private static final long SEED = 20261201L;

    /** A text's sentiment: positive, neutral or negative, the score (confidence, 0-1) and where it came from. */
    public record Sentiment(String sentiment, double score, String source) {
    }

    /** {@code {"texts": [...]}}: up to 1,000 texts of up to 10,000 characters. */
    public record Texts(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Size(max = 10_000) String> texts) {
    }

    /** One sentiment per text, in order, and the model run that gave them. */
    public record Classified(List<Sentiment> sentiments, Long modelRun, Double modelAccuracy) {
    }

    private record Served(long run, double accuracy, SentimentClassifier.Model model) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchWriter;
    private final ObjectProvider<EmbeddingModel> embeddings;
    private final ObjectMapper json;
    private volatile Served served;

    ReviewSentiment(JdbcClient jdbc, NamedParameterJdbcTemplate batchWriter, ObjectProvider<EmbeddingModel> embeddings, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batchWriter = batchWriter;
        this.embeddings = embeddings;
        this.json = json;
    }

    /** {@code POST /api/retail/reviews/sentiment}. */
    public Classified classify(@Body @NotNull @Valid Texts body) {
        Served model = current();
        if (model == null) {
            throw io.relais.platform.web.ApiProblem.unprocessable("no sentiment model yet: load reviews with labels or ratings "
                    + "(at least " + MIN_EXAMPLES + ") and it is trained");
        }
        List<float[]> vectors = embed(body.texts());
        List<Sentiment> out = new ArrayList<>();
        for (int i = 0; i < body.texts().size(); i++) out.add(predict(model.model(), body.texts().get(i), vectors.get(i)));
        return new Classified(out, model.run(), model.accuracy());
    }

    /** The schedule and {@code POST .../sentiment/training}: trains, records the run, then gives every review its sentiment. */
    public synchronized Map<String, Object> train(@VerifiedCaller Caller caller) {
        String trigger = Caller.nameOf(caller);
        String by = trigger == null ? "schedule" : trigger;
        long run = jdbc.sql("insert into retail.sentiment_runs (trigger, status) values (:trigger, 'RUNNING') returning id").param("trigger", by)
                .query(Long.class).single();
        try {
            Map<String, Object> result = trainAndRecord(run);
            assign();
            return result;
        } catch (RuntimeException e) {
            log.error("Sentiment training {} failed: {}", run, e.getMessage(), e);
            jdbc.sql("update retail.sentiment_runs set status = 'FAILED', error = :error, finished_at = now() where id = :id")
                    .param("error", e.getMessage()).param("id", run).update();
            assign();
            return run(run);
        }
    }

    private Map<String, Object> trainAndRecord(long run) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        jdbc.sql("select text, label, rating from retail.review_facts where text is not null and btrim(text) <> ''").query(rs -> {
            Sentiment known = known(rs.getString(2), rs.getBigDecimal(3));
            if (known != null) {
                texts.add(rs.getString(1));
                labels.add(SentimentClassifier.CLASSES.indexOf(known.sentiment()));
            }
        });
        long classes = labels.stream().distinct().count();
        if (texts.size() < MIN_EXAMPLES || classes < 2) {
            String why = texts.size() + " reviews with a text and a label or rating, " + classes + " classes: at least " + MIN_EXAMPLES
                    + " and 2 classes are needed";
            jdbc.sql("update retail.sentiment_runs set status = 'SKIPPED', examples = :examples, error = :why, finished_at = now() where id = :id")
                    .param("examples", texts.size()).param("why", why).param("id", run).update();
            log.info("Sentiment training {} skipped: {}", run, why);
            return run(run);
        }
        long t0 = System.nanoTime();
        List<float[]> vectors = embed(texts);
        long embedMs = (System.nanoTime() - t0) / 1_000_000;
        int dims = vectors.get(0).length + TextFeatures.BUCKETS;
        List<Vector> both = new ArrayList<>(), embeddingOnly = new ArrayList<>(), ngramsOnly = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            both.add(TextFeatures.sparse(texts.get(i), vectors.get(i)));
            embeddingOnly.add(TextFeatures.sparse("", vectors.get(i)));
            ngramsOnly.add(TextFeatures.sparse(texts.get(i), null));
        }
        List<Integer> heldOut = heldOutFifth(labels);
        Set<Integer> held = Set.copyOf(heldOut);
        List<Integer> trainIdx = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) if (!held.contains(i)) trainIdx.add(i);
        long t1 = System.nanoTime();
        SentimentClassifier.Model candidate = SentimentClassifier.train(pick(both, trainIdx), pick(labels, trainIdx), dims, SEED);
        long trainMs = (System.nanoTime() - t1) / 1_000_000;
        Map<String, Object> metrics = Evaluation.of(candidate, pick(both, heldOut), pick(labels, heldOut), pick(texts, heldOut));
        // what each part brings, on the same split (the note's French figures come from here)
        metrics.put("accuracy_embeddings_only", Evaluation.accuracy(SentimentClassifier.train(pick(embeddingOnly, trainIdx),
                pick(labels, trainIdx), dims, SEED), pick(embeddingOnly, heldOut), pick(labels, heldOut)));
        metrics.put("accuracy_ngrams_only", Evaluation.accuracy(SentimentClassifier.train(pick(ngramsOnly, trainIdx),
                pick(labels, trainIdx), TextFeatures.BUCKETS, SEED), pick(ngramsOnly, heldOut), pick(labels, heldOut)));
        metrics.put("embed_ms", embedMs);
        metrics.put("train_ms", trainMs);
        metrics.put("per_class_examples", Map.of("negative", Collections.frequency(labels, 0), "neutral", Collections.frequency(labels, 1),
                "positive", Collections.frequency(labels, 2)));
        // the model that serves learns from every example; its accuracy is the held-out one above
        SentimentClassifier.Model model = SentimentClassifier.train(both, labels, dims, SEED);
        double accuracy = (Double) metrics.get("accuracy");
        jdbc.sql("""
                        update retail.sentiment_runs set status = 'SUCCEEDED', examples = :examples, held_out = :heldOut, accuracy = :accuracy,
                               metrics = cast(:metrics as jsonb), model = cast(:model as jsonb), finished_at = now() where id = :id""")
                .param("examples", texts.size()).param("heldOut", heldOut.size()).param("accuracy", accuracy).param("metrics", write(metrics))
                .param("model", write(Map.of("dims", model.dims(), "weights", model.weights()))).param("id", run).update();
        served = new Served(run, accuracy, model);
        log.info("Sentiment model {} trained on {} reviews: {} accurate on a held-back fifth of {}", run, texts.size(),
                String.format(Locale.ROOT, "%.1f%%", accuracy * 100), heldOut.size());
        return run(run);
    }

    /** Every review's sentiment: its label, else its rating, else the model (when there is one). */
    public void assign() {
        Served model = current();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> byModel = new ArrayList<>(); // rows of updates whose sentiment the model gives
        List<String> unknownTexts = new ArrayList<>();
        jdbc.sql("select ctid::text, label, rating, text from retail.review_facts").query(rs -> {
            Sentiment known = known(rs.getString(2), rs.getBigDecimal(3));
            if (known != null) updates.add(new Object[] {known.sentiment(), known.score(), known.source(), rs.getString(1)});
            else if (model != null && rs.getString(4) != null && !rs.getString(4).isBlank()) {
                unknownTexts.add(rs.getString(4));
                Object[] row = {null, null, "model", rs.getString(1)};
                updates.add(row);
                byModel.add(row);
            }
        });
        if (!unknownTexts.isEmpty()) {
            List<float[]> vectors = embed(unknownTexts);
            for (int i = 0; i < unknownTexts.size(); i++) {
                Sentiment s = predict(model.model(), unknownTexts.get(i), vectors.get(i));
                Object[] row = byModel.get(i);
                row[0] = s.sentiment();
                row[1] = s.score();
            }
        }
        batchWriter.batchUpdate("update retail.review_facts set sentiment = :sentiment, sentiment_score = :score, sentiment_source = :source "
                + "where ctid = cast(:row as tid)", updates.stream().map(u -> new MapSqlParameterSource("sentiment", u[0]).addValue("score", u[1])
                .addValue("source", u[2]).addValue("row", u[3])).toArray(MapSqlParameterSource[]::new));
    }

    public Map<String, Object> runs(@Header("page") String page, @Header("size") String size) {
        int p = QueryParams.integer("page", page, 0, 0, 100_000), s = QueryParams.integer("size", size, 20, 1, 200);
        List<Map<String, Object>> items = jdbc.sql("select id, trigger, status, examples, held_out, accuracy, metrics::text as metrics, "
                        + "error, started_at, finished_at from retail.sentiment_runs order by id desc limit :limit offset :offset")
                .param("limit", s).param("offset", (long) p * s).query().listOfRows();
        items.forEach(this::readMetrics);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("total", jdbc.sql("select count(*) from retail.sentiment_runs").query(Long.class).single());
        out.put("page", p);
        out.put("size", s);
        return out;
    }

    private Map<String, Object> run(long id) {
        Map<String, Object> row = jdbc.sql("select id, trigger, status, examples, held_out, accuracy, metrics::text as metrics, error, "
                + "started_at, finished_at from retail.sentiment_runs where id = :id").param("id", id).query().singleRow();
        readMetrics(row);
        return row;
    }

    private void readMetrics(Map<String, Object> row) {
        try {
            row.put("metrics", json.readValue(String.valueOf(row.get("metrics")), Map.class));
        } catch (JsonProcessingException e) {
            row.put("metrics", Map.of());
        }
    }

    /** The sentiment a label or a rating gives (ratings: 4 and up positive, 2 and below negative, between neutral). */
    static Sentiment known(String label, BigDecimal rating) {
        if (label != null) {
            String l = java.text.Normalizer.normalize(label.strip().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            String s = switch (l) {
                case "positive", "positif", "pos", "good", "bon" -> "positive";
                case "neutral", "neutre", "neu", "mixed", "mitige" -> "neutral";
                case "negative", "negatif", "neg", "bad", "mauvais" -> "negative";
                default -> null;
            };
            if (s != null) return new Sentiment(s, 1.0, "label");
        }
        if (rating != null) {
            double r = rating.doubleValue();
            if (r >= 3.5) return new Sentiment("positive", Math.min(1, (r - 3) / 2), "rating");
            if (r <= 2.5) return new Sentiment("negative", Math.min(1, (3 - r) / 2), "rating");
            return new Sentiment("neutral", 1 - Math.abs(r - 3), "rating");
        }
        return null;
    }

    private static Sentiment predict(SentimentClassifier.Model model, String text, float[] embedding) {
        double[] p = model.probabilities(TextFeatures.sparse(text, embedding));
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return new Sentiment(SentimentClassifier.CLASSES.get(best), Math.round(p[best] * 1000) / 1000.0, "model");
    }

    private Served current() {
        List<Long> newest = jdbc.sql("select id from retail.sentiment_runs where status = 'SUCCEEDED' order by id desc limit 1").query(Long.class).list();
        if (newest.isEmpty()) return null;
        Served now = served;
        if (now != null && now.run() == newest.get(0)) return now;
        // trained on another node (or before a restart): read its model
        Map<String, Object> row = jdbc.sql("select accuracy, model::text as model from retail.sentiment_runs where id = :id").param("id", newest.get(0))
                .query().singleRow();
        try {
            var tree = json.readTree(String.valueOf(row.get("model")));
            double[][] weights = json.treeToValue(tree.get("weights"), double[][].class);
            served = new Served(newest.get(0), ((Number) row.get("accuracy")).doubleValue(), new SentimentClassifier.Model(tree.get("dims").asInt(), weights));
            return served;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sentiment model " + newest.get(0) + ": " + e.getMessage(), e);
        }
    }

    private List<float[]> embed(List<String> texts) {
        EmbeddingModel model = embeddings.getObject();
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += 64) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + 64)).stream()
                    .map(t -> TextSegment.from(t.length() > 2_000 ? t.substring(0, 2_000) : (t.isBlank() ? "." : t))).toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
        }
        return out;
    }

    /** A fifth of each class, the same for the same reviews. */
    static List<Integer> heldOutFifth(List<Integer> labels) {
        List<Integer> held = new ArrayList<>();
        for (int c = 0; c < SentimentClassifier.CLASSES.size(); c++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) if (labels.get(i) == c) ofClass.add(i);
            Collections.shuffle(ofClass, new Random(SEED + c));
            held.addAll(ofClass.subList(0, ofClass.size() / 5));
        }
        Collections.sort(held);
        return held;
    }

    private static <T> List<T> pick(List<T> all, List<Integer> indexes) {
        List<T> out = new ArrayList<>(indexes.size());
        for (int i : indexes) out.add(all.get(i));
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
