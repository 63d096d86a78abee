package io.relais.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Product reviews as shoppers write them, in English and French: short and long, a product named or not, praise and
 * complaints about quality, delivery, size and price, mixed feelings ("good but..."), negations ("not worth it",
 * "pas déçu"), lower case, typos and exclamation marks. Each carries its true sentiment; a share has a rating or a
 * label, the rest only a text.
 */
public final class ReviewCorpus {

    /** A review: its text, language, true sentiment, and the rating or label it was given (either may be null). */
    public record Review(String text, String language, String sentiment, Integer rating, String label) {
    }

    private static final String[] PRODUCTS_EN = {"lantern", "plant pot", "watering can", "bird feeder", "garden bench", "fairy lights",
            "doormat", "seed tray", "tea light holder", "cushion", "planter", "pruning shears"};
    private static final String[] PRODUCTS_FR = {"lanterne", "pot de fleurs", "arrosoir", "mangeoire", "banc de jardin", "guirlande",
            "paillasson", "plateau de semis", "photophore", "coussin", "jardinière", "sécateur"};

    private static final String[][] EN = {
            { // negative
                    "broke after two days", "arrived damaged and the seller never answered", "cheap plastic, looks nothing like the photo",
                    "waste of money", "the colour faded within a week", "stopped working almost immediately", "very disappointed",
                    "would not recommend", "poor quality, the handle snapped", "returned it", "not worth the price at all",
                    "smaller than described and badly finished", "missing parts and no instructions", "terrible, avoid",
                    "leaks everywhere", "rusty after the first rain", "it never arrived on time and was scratched"},
            { // neutral
                    "it's ok", "does the job, nothing special", "as described", "average quality for the price", "fine but a bit small",
                    "good quality but delivery was slow", "nice colour, the size is a bit off", "neither good nor bad",
                    "acceptable", "arrived on time, haven't used it much yet", "decent, though the finish could be better",
                    "it works, but I expected more", "standard item, no surprises"},
            { // positive
                    "love it", "excellent quality, very sturdy", "looks even better than the photo", "arrived quickly and well packed",
                    "great value for money", "my wife was delighted", "perfect for the garden", "highly recommend",
                    "beautiful and well made", "works perfectly", "exactly what I wanted", "fantastic, bought a second one",
                    "really pleased with it", "lovely gift, very happy", "not disappointed at all", "superb finish"}};
    private static final String[][] FR = {
            { // negative
                    "cassé au bout de deux jours", "arrivé abîmé et aucune réponse du vendeur", "plastique bas de gamme, rien à voir avec la photo",
                    "argent jeté par les fenêtres", "la couleur a passé en une semaine", "ne fonctionne plus", "très déçu",
                    "je ne recommande pas", "mauvaise qualité, la poignée a cédé", "renvoyé", "ne vaut pas son prix",
                    "plus petit que décrit et mal fini", "pièces manquantes et pas de notice", "nul, à éviter", "fuit de partout",
                    "rouillé dès la première pluie", "livré en retard et rayé"},
            { // neutral
                    "correct", "fait le travail sans plus", "conforme à la description", "qualité moyenne pour le prix",
                    "bien mais un peu petit", "bonne qualité mais livraison lente", "jolie couleur, la taille est un peu juste",
                    "ni bien ni mal", "acceptable", "reçu à temps, pas encore beaucoup servi", "correct, finitions perfectibles",
                    "ça marche mais je m'attendais à mieux", "article standard, pas de surprise"},
            { // positive
                    "j'adore", "excellente qualité, très solide", "encore plus beau qu'en photo", "livré vite et bien emballé",
                    "très bon rapport qualité prix", "ma femme est ravie", "parfait pour le jardin", "je recommande vivement",
                    "beau et bien fini", "fonctionne parfaitement", "exactement ce que je voulais", "super, j'en ai racheté un",
                    "vraiment content", "joli cadeau, très satisfait", "pas déçu du tout", "finition superbe"}};

    private ReviewCorpus() {
    }

    /** {@code n} reviews, about a third French; {@code textOnlyShare} of them with neither rating nor label. */
    public static List<Review> generate(int n, long seed, double textOnlyShare) {
        Random random = new Random(seed);
        List<Review> out = new ArrayList<>();
        String[] sentiments = {"negative", "neutral", "positive"};
        for (int i = 0; i < n; i++) {
            boolean french = random.nextInt(3) == 0;
            // shoppers are happy more often than not
            int s = random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 3 ? 1 : 2;
            String[][] bank = french ? FR : EN;
            String product = (french ? PRODUCTS_FR : PRODUCTS_EN)[random.nextInt(PRODUCTS_EN.length)];
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) text.append(french ? "Ce " : "This ").append(product).append(french ? " : " : ": ");
            text.append(bank[s][random.nextInt(bank[s].length)]);
            if (random.nextInt(3) > 0) text.append(random.nextBoolean() ? ". " : ", ").append(bank[s][random.nextInt(bank[s].length)]);
            if (random.nextInt(5) == 0) text.append(s == 2 ? "!!" : s == 0 ? "..." : ".");
            String t = text.toString();
            if (random.nextInt(4) == 0) t = t.toLowerCase();
            if (random.nextInt(6) == 0 && t.length() > 8) { // a typo: two letters swapped
                int at = 1 + random.nextInt(t.length() - 3);
                t = t.substring(0, at) + t.charAt(at + 1) + t.charAt(at) + t.substring(at + 2);
            }
            Integer rating = null;
            String label = null;
            if (random.nextDouble() >= textOnlyShare) {
                if (random.nextBoolean()) rating = s == 0 ? 1 + random.nextInt(2) : s == 1 ? 3 : 4 + random.nextInt(2);
                else label = sentiments[s];
            }
            out.add(new Review(t, french ? "fr" : "en", sentiments[s], rating, label));
        }
        return out;
    }
}
