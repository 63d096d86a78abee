package io.relais.shop.chat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic understanding of shop chat messages, French and English: ordering ("10 ROS-001", "je veux 3 sacs
 * de terreau", "ajoute 2 sécateurs"), confirming or declining, stock questions ("il reste des rosiers ?"), order
 * status, search, recommendations. No model, no network: it always answers, and it is what serves the chat when no
 * language model is configured or the model fails.
 */
public final class ChatRules {

    private static final Pattern REFERENCE = Pattern.compile("\\b([A-Za-z]{2,6}-\\d{1,6})\\b");
    private static final Pattern ORDER_ID = Pattern.compile("\\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");
    // "10 ROS-001", "3x ROS-001", "ROS-001 x 3"
    private static final Pattern QUANTITY_REFERENCE = Pattern.compile("(\\d{1,5})\\s*(?:x|fois|\\*)?\\s*([a-z]{2,6}-\\d{1,6})");
    private static final Pattern REFERENCE_QUANTITY = Pattern.compile("([a-z]{2,6}-\\d{1,6})\\s*(?:x|\\*|:)\\s*(\\d{1,5})");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("un", 1), Map.entry("une", 1), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("quatre", 4),
            Map.entry("cinq", 5), Map.entry("six", 6), Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9),
            Map.entry("dix", 10), Map.entry("douze", 12), Map.entry("vingt", 20), Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("twelve", 12), Map.entry("twenty", 20), Map.entry("dozen", 12), Map.entry("douzaine", 12));
    // "3 sacs de terreau", "deux sécateurs", "a bag of compost"
    private static final Pattern QUANTITY_WORDS = Pattern.compile(
            "(?<![\\w-])(\\d{1,5}|" + String.join("|", NUMBER_WORDS.keySet()) + ")\\s+(?:(?:sacs?|sachets?|pots?|bags?|packs?|"
                    + "paquets?|boites?|boxes|box|bidons?|lots?|pieces?|unites?|units?|bouteilles?|bottles?)\\s+(?:de\\s+|d'|of\\s+))?"
                    + "((?:[a-z][a-z'-]*)(?:\\s+(?!et\\b|and\\b|puis\\b|avec\\b|with\\b|svp\\b|please\\b|merci\\b|s'il\\b)[a-z][a-z'-]*){0,3})");

    private static final Set<String> CONFIRM = Set.of("oui", "yes", "ok", "okay", "d'accord", "daccord", "confirme",
            "je confirme", "confirmer", "confirm", "c'est bon", "cest bon", "go", "vas-y", "vas y", "yep", "sure", "parfait",
            "valide", "je valide", "valider", "oui merci", "yes please", "ok merci", "ouais", "affirmatif", "bien sur");
    private static final Set<String> DECLINE = Set.of("non", "no", "annule", "annuler", "cancel", "laisse tomber", "stop",
            "non merci", "no thanks", "nope", "pas maintenant", "not now", "abandonne", "forget it");

    private ChatRules() {
    }

    public static Understanding understand(String message) {
        String raw = message == null ? "" : message.strip();
        String text = normalise(raw);
        String language = language(text);
        String bare = text.replaceAll("[!?.,;]+", " ").replaceAll("\\s+", " ").strip();
        if (bare.isEmpty()) return new Understanding(ChatIntent.HELP, List.of(), null, null, language);

        if (CONFIRM.contains(bare) || bare.matches("(oui|yes|ok|confirme|je confirme)\\b.{0,20}")
                && !containsAny(bare, "non", "pas", "not", "annul")) {
            return new Understanding(ChatIntent.CONFIRM, List.of(), null, null, language);
        }
        if (DECLINE.contains(bare) || bare.matches("(non|no|annule|cancel)\\b.{0,25}") && !bare.contains("commande ")) {
            return new Understanding(ChatIntent.DECLINE, List.of(), null, null, language);
        }

        Matcher orderId = ORDER_ID.matcher(text);
        if (orderId.find() || containsAny(bare, "ou en est ma commande", "statut de ma commande", "suivi de commande",
                "suivi de ma commande", "where is my order", "order status", "status of my order", "my last order",
                "ma derniere commande", "etat de ma commande", "track my order")) {
            return new Understanding(ChatIntent.ORDER_STATUS, List.of(), null,
                    orderId.find(0) ? orderId.group(1) : null, language);
        }

        if (containsAny(bare, "recommand", "conseill", "suggest", "what goes with", "qu'est-ce qui va avec",
                "quoi prendre avec", "avec quoi", "complement", "what else", "bought with", "achete avec", "goes well with",
                "idee", "idea")) {
            return new Understanding(ChatIntent.RECOMMEND, List.of(), productWords(bare, reference(text)), null, language);
        }

        if (bare.matches("[a-z]{2,6}-\\d{1,6}")) {
            return new Understanding(ChatIntent.STOCK, List.of(), bare.toUpperCase(Locale.ROOT), null, language);
        }
        boolean stockQuestion = bare.matches(".*\\bany\\b.*\\bleft\\b.*") || containsAny(bare, "il reste", "reste-t-il", "en stock", "in stock", "disponible", "available",
                "combien de", "how many", "do you still have", "vous reste", "any left", "est-ce qu'il y a", "y a-t-il",
                "rupture", "out of stock", "stock de", "stock of", "en avez-vous", "dispo");
        List<Understanding.Item> items = items(text);
        boolean orderVerb = containsAny(bare, "je veux", "je voudrais", "j'aimerais", "je prends", "je prendrais",
                "commande", "commander", "ajoute", "ajouter", "achete", "acheter", "il me faut", "mets-moi", "mettez",
                "i want", "i'd like", "i would like", "order", "add", "buy", "i'll take", "get me", "i need", "send me",
                "reserve", "livrez");
        boolean searchQuestion = containsAny(bare, "cherche", "recherche", "avez-vous", "avez vous", "vous avez",
                "do you have", "do you sell", "vendez", "search", "find", "looking for", "montre", "show me", "trouve",
                "catalogue", "liste des", "list");
        if (!items.isEmpty() && (orderVerb || !stockQuestion && !searchQuestion) && !containsAny(bare, "combien", "how many")) {
            return new Understanding(ChatIntent.ORDER, items, null, null, language);
        }
        if (stockQuestion) {
            return new Understanding(ChatIntent.STOCK, List.of(), productWords(bare, reference(text)), null, language);
        }
        if (searchQuestion) {
            return new Understanding(ChatIntent.SEARCH, List.of(), productWords(bare, reference(text)), null, language);
        }
        if (reference(text) != null) {
            return new Understanding(ChatIntent.STOCK, List.of(), reference(text), null, language);
        }
        if (containsAny(bare, "bonjour", "salut", "hello", "hi", "hey", "bonsoir", "coucou", "good morning")) {
            return new Understanding(ChatIntent.GREETING, List.of(), null, null, language);
        }
        if (containsAny(bare, "aide", "help", "que sais-tu", "what can you", "comment ca marche", "how does")) {
            return new Understanding(ChatIntent.HELP, List.of(), null, null, language);
        }
        if (orderVerb) return new Understanding(ChatIntent.ORDER, List.of(), productWords(bare, null), null, language);
        return new Understanding(ChatIntent.UNKNOWN, List.of(), bare, null, language);
    }

    /** The wanted items: reference with quantity first, then quantity with product words. */
    static List<Understanding.Item> items(String text) {
        List<Understanding.Item> items = new ArrayList<>();
        String rest = text;
        Matcher m = QUANTITY_REFERENCE.matcher(rest);
        while (m.find()) items.add(new Understanding.Item(Integer.parseInt(m.group(1)), m.group(2).toUpperCase(Locale.ROOT), null));
        rest = QUANTITY_REFERENCE.matcher(rest).replaceAll(" ");
        m = REFERENCE_QUANTITY.matcher(rest);
        while (m.find()) items.add(new Understanding.Item(Integer.parseInt(m.group(2)), m.group(1).toUpperCase(Locale.ROOT), null));
        rest = REFERENCE_QUANTITY.matcher(rest).replaceAll(" ");
        Matcher bareRef = REFERENCE.matcher(rest);
        while (bareRef.find()) items.add(new Understanding.Item(1, bareRef.group(1).toUpperCase(Locale.ROOT), null));
        rest = REFERENCE.matcher(rest).replaceAll(" ");
        m = QUANTITY_WORDS.matcher(rest.replaceAll("[!?.,;]+", " "));
        while (m.find()) {
            String words = stripStopWords(m.group(2));
            if (words.isEmpty()) continue;
            int quantity = m.group(1).matches("\\d+") ? Integer.parseInt(m.group(1)) : NUMBER_WORDS.get(m.group(1));
            items.add(new Understanding.Item(quantity, null, words));
        }
        return items;
    }

    private static String reference(String text) {
        Matcher m = REFERENCE.matcher(text);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    /** The product words of a question: what is left once the question's own words are removed. */
    static String productWords(String bare, String reference) {
        if (reference != null) return reference;
        String s = " " + bare + " ";
        for (String filler : List.of("est-ce qu'il", "est-ce qu'", "il reste", "reste-t-il", "vous reste-t-il", "en stock",
                "in stock", "disponibles?", "available", "combien de", "how many", "do you still have", "do you have",
                "do you sell", "avez-vous", "avez vous", "vous avez", "any left", "y a-t-il", "encore", "still", "des",
                "du", "de la", "de", "d'", "les", "le", "la", "l'", "un", "une", "some", "any", "the", "a", "an", "of",
                "cherche", "recherche", "je", "search", "find", "looking for", "show me", "montre-moi", "montre", "moi",
                "trouve", "recommande", "recommend", "conseille", "suggest", "avec quoi", "what goes with",
                "qu'est-ce qui va avec", "quoi prendre avec", "for", "pour", "with", "avec", "me", "you", "vous", "il",
                "y", "a", "t", "what", "quoi", "i", "is", "are", "there", "dispo", "en", "stock", "have", "left", "reste",
                "please", "svp", "merci", "s'il vous plait", "i'm", "im", "les", "ideas?", "idees?", "complements?", "else", "bought",
                "achete", "goes", "well", "en avez", "ai", "besoin", "need", "sell", "vendez", "that", "qui", "va", "ca",
                "quelque chose", "something", "rupture", "out", "est", "ce")) {
            s = s.replaceAll("(?<=\\s)" + filler + "(?=\\s)", " ");
        }
        return stripStopWords(s.replaceAll("\\s+", " ").strip());
    }

    private static String stripStopWords(String words) {
        String s = (" " + words + " ").replaceAll("\\s(de|d'|des|du|la|le|les|of|the|svp|please|merci)(?=\\s)", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    private static final Pattern ENGLISH_WORDS = Pattern.compile("\\b(i|i'd|i'll|i'm|want|like|order|have|how|many|please|"
            + "yes|no|add|where|my|what|show|hello|hi|there|help|get|me|need|send|buy|bags?|of|the|any|left|is|are|do|you|"
            + "still|available|status|search|looking|for|goes|with|suggestions?|thanks|sure|confirm|cancel|can|take|a|an|"
            + "two|three|some)\\b");
    private static final Pattern FRENCH_WORDS = Pattern.compile("\\b(je|j'|veux|voudrais|aimerais|reste|avez|vous|commande|"
            + "ajoute|sacs?|bonjour|salut|oui|non|merci|des|du|de|la|le|les|un|une|il|est|ma|mon|moi|prends|faut|mets|"
            + "combien|cherche|montre|conseillez|va|avec|quoi|aide|annule|laisse|tomber|d'accord|c'est|bon|deux|trois|"
            + "sont|pour|suivi|statut|ou|en|qu'est-ce|que|acheter|commander|dispo|disponibles?)\\b");

    /** "fr" or "en" by which language's common words the message uses more; null when it uses none. */
    static String language(String text) {
        int french = count(FRENCH_WORDS, text);
        int english = count(ENGLISH_WORDS, text);
        if (french == 0 && english == 0) return null;
        return french >= english ? "fr" : "en";
    }

    private static int count(Pattern words, String text) {
        Matcher m = words.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    private static boolean containsAny(String text, String... needles) {
        for (String n : needles) {
            if (n.length() <= 3) {
                if ((" " + text + " ").contains(" " + n + " ")) return true;
            } else if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
