package io.relais.retail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.relais.platform.files.ImportReport;
import io.relais.retail.etl.ReviewLoader;
import io.relais.testsupport.AppTest;
import io.relais.testsupport.ReviewCorpus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reviews in a French CSV export (header recognised), a third with only a text: after the load the model is trained on
 * the labelled and rated ones (a recorded run, its accuracy on a held-back fifth, per language), and every review has
 * a sentiment and its source. Texts the model never saw are classified over REST.
 */
class ReviewSentimentTest extends AppTest {

    @Autowired
    ReviewLoader reviews;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reviews_load_from_csv_the_model_trains_and_every_review_gets_a_sentiment() throws Exception {
        List<ReviewCorpus.Review> corpus = ReviewCorpus.generate(600, 7, 0.3);
        StringBuilder csv = new StringBuilder("Produit;Avis client;Note (/5);Sentiment;Date\n");
        for (int i = 0; i < corpus.size(); i++) {
            ReviewCorpus.Review r = corpus.get(i);
            csv.append("8509").append(i % 7).append(';').append('"').append(r.text().replace("\"", "\"\"")).append('"').append(';')
                    .append(r.rating() == null ? "" : r.rating()).append(';').append(r.label() == null ? "" : r.label()).append(';')
                    .append(i % 28 + 1).append("/11/2026").append('\n');
        }
        ImportReport report = reviews.load(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "avis.csv");
        assertThat(report.count("loaded")).isEqualTo(600);
        @SuppressWarnings("unchecked") Map<String, Object> sentiment = (Map<String, Object>) report.getDetails().get("sentiment");
        assertThat(sentiment.get("status")).as(sentiment.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.count("sentiment_from_model")).isPositive();
        assertThat(report.count("sentiment_from_label") + report.count("sentiment_from_rating") + report.count("sentiment_from_model"))
                .isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(*) from retail.review_facts where sentiment is null", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from retail.review_facts where review_date = date '2026-11-03'", Long.class)).isPositive();

        String admin = api.adminToken();
        JsonNode run = api.get("/api/retail/reviews/sentiment/runs?size=1", admin).body().path("items").get(0);
        System.out.println("Sentiment run: " + run);
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("held_out").asInt()).isBetween(70, 90); // a fifth of the ~420 labelled or rated
        assertThat(run.path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(run.at("/metrics/per_language/fr/examples").asInt()).isPositive();
        assertThat(run.at("/metrics/per_language/fr/accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(run.at("/metrics/per_class/negative/recall").asDouble()).isGreaterThan(0.6);

        // what the model makes of the text-only reviews, against their true sentiment
        List<String> textOnly = corpus.stream().filter(r -> r.rating() == null && r.label() == null).map(ReviewCorpus.Review::text).toList();
        long right = 0;
        List<String> predicted = jdbc.queryForList("select sentiment from retail.review_facts where sentiment_source = 'model' order by ctid", String.class);
        List<ReviewCorpus.Review> truth = corpus.stream().filter(r -> r.rating() == null && r.label() == null).toList();
        for (int i = 0; i < Math.min(predicted.size(), truth.size()); i++) if (predicted.get(i).equals(truth.get(i).sentiment())) right++;
        assertThat((double) right / textOnly.size()).as("text-only reviews right").isGreaterThan(0.75);

        // sentences the model never saw, in both languages
        List<String> unseen = List.of("Absolutely gorgeous, the whole family loves it", "Fell apart the first time I used it, total rubbish",
                "Magnifique, je suis ravie de mon achat", "Horrible, cassé dès le premier jour, remboursement demandé",
                "Superb craftsmanship, highly recommended to everyone", "Disappointing, cheap and flimsy");
        List<String> expected = List.of("positive", "negative", "positive", "negative", "positive", "negative");
        var answer = api.post("/api/retail/reviews/sentiment", Map.of("texts", unseen), admin);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<String> said = answer.body().path("sentiments").findValuesAsText("sentiment");
        long agreed = 0;
        for (int i = 0; i < unseen.size(); i++) if (said.get(i).equals(expected.get(i))) agreed++;
        System.out.println("Unseen sentences: " + agreed + "/" + unseen.size() + " " + said);
        assertThat(agreed).as(said.toString()).isGreaterThanOrEqualTo(4);
        assertThat(answer.body().path("sentiments").get(0).path("source").asText()).isEqualTo("model");
        assertThat(answer.body().path("modelRun").asLong()).isEqualTo(run.path("id").asLong());
        assertThat(api.post("/api/retail/reviews/sentiment", Map.of("texts", List.of()), admin).status()).isEqualTo(400);
    }
}
