package io.relais.bench;

import io.relais.platform.security.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.relais.platform.files.ImportReport;
import io.relais.retail.etl.ReviewLoader;
import io.relais.retail.sentiment.ReviewSentiment;
import io.relais.testsupport.ReviewCorpus;

/**
 * Review sentiment: 3,000 generated reviews (a third French, a quarter text-only) loaded from CSV, then the model
 * trained (reviews/s, the embedding of every text included), then 1,000 texts classified in batches of 100 over the
 * service (texts/s) beside the bare embedding model on the same texts: the classifier's own cost is the difference.
 */
final class SentimentBenchmark implements Benchmark {

    private static final int REVIEWS = 3_000, TEXTS = 1_000;

    @Override
    public String name() {
        return "sentiment";
    }

    @Override
    public String description() {
        return "review sentiment: training on " + REVIEWS + " reviews, classifying " + TEXTS + " texts vs the bare embedding model";
    }

    @Override
    public List<Figure> run(BenchEnvironment env) throws Exception {
        List<ReviewCorpus.Review> corpus = ReviewCorpus.generate(REVIEWS, 42, 0.25);
        StringBuilder csv = new StringBuilder("product;review;rating;label\n");
        for (ReviewCorpus.Review r : corpus) {
            csv.append("85123A;\"").append(r.text().replace("\"", "\"\"")).append("\";").append(r.rating() == null ? "" : r.rating())
                    .append(';').append(r.label() == null ? "" : r.label()).append('\n');
        }
        ReviewLoader loader = env.bean(ReviewLoader.class);
        long t0 = System.nanoTime();
        ImportReport report = loader.load(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "bench.csv");
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("sentiment load: " + report.getCounts() + " " + report.getDetails());
        ReviewSentiment sentiment = env.bean(ReviewSentiment.class);
        Map<String, Object> run = sentiment.train(Caller.named("bench"));
        @SuppressWarnings("unchecked") Map<String, Object> metrics = (Map<String, Object>) run.get("metrics");
        long examples = ((Number) run.get("examples")).longValue();
        double trainSeconds = (((Number) metrics.get("embed_ms")).doubleValue() + ((Number) metrics.get("train_ms")).doubleValue()) / 1000.0;
        System.out.println("sentiment run: " + run);

        List<String> texts = ReviewCorpus.generate(TEXTS, 7, 1.0).stream().map(ReviewCorpus.Review::text).toList();
        EmbeddingModel model = env.bean(EmbeddingModel.class);
        model.embed("warm up");
        long e0 = System.nanoTime();
        for (int i = 0; i < TEXTS; i += 100) model.embedAll(texts.subList(i, i + 100).stream().map(TextSegment::from).toList());
        double embedSeconds = (System.nanoTime() - e0) / 1e9;
        long c0 = System.nanoTime();
        for (int i = 0; i < TEXTS; i += 100) sentiment.classify(new ReviewSentiment.Texts(texts.subList(i, i + 100)));
        double classifySeconds = (System.nanoTime() - c0) / 1e9;
        return List.of(
                new Figure("load + train (all reviews)", REVIEWS / loadSeconds, "reviews/s", null, null, true),
                new Figure("training (labelled)", examples / trainSeconds, "reviews/s", null, null, true),
                new Figure("classify", TEXTS / classifySeconds, "texts/s", "bare embedding model", TEXTS / embedSeconds, true),
                new Figure("held-out accuracy", ((Number) run.get("accuracy")).doubleValue() * 100, "%", null, null, true));
    }
}
