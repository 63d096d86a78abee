package io.relais.retail.agent;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retail agent's rules: the common questions, in French or English, turned into SQL over the views. Top N
 * products / customers / countries by revenue (CA, chiffre d'affaires), units or orders over a period (a year, a month,
 * "en 2011", "in March 2011"), revenue of a country (French names matched to the data's English ones), alerts, data
 * quality, counts. Answers the SQL and how to say the answer, or empty when the question is not one of these.
 */
public final class RetailQuestions {

    public record Plan(String intent, String sql, String sentence) {
    }

    static final Map<String, String> COUNTRIES = new LinkedHashMap<>();

    static {
        String[][] pairs = {{"royaume uni", "United Kingdom"}, {"angleterre", "United Kingdom"}, {"uk", "United Kingdom"},
                {"united kingdom", "United Kingdom"}, {"allemagne", "Germany"}, {"germany", "Germany"}, {"france", "France"},
                {"irlande", "EIRE"}, {"ireland", "EIRE"}, {"eire", "EIRE"}, {"espagne", "Spain"}, {"spain", "Spain"},
                {"pays bas", "Netherlands"}, {"hollande", "Netherlands"}, {"netherlands", "Netherlands"},
                {"belgique", "Belgium"}, {"belgium", "Belgium"}, {"suisse", "Switzerland"}, {"switzerland", "Switzerland"},
                {"portugal", "Portugal"}, {"australie", "Australia"}, {"australia", "Australia"}, {"italie", "Italy"},
                {"italy", "Italy"}, {"norvege", "Norway"}, {"norway", "Norway"}, {"suede", "Sweden"}, {"sweden", "Sweden"},
                {"danemark", "Denmark"}, {"denmark", "Denmark"}, {"japon", "Japan"}, {"japan", "Japan"},
                {"etats unis", "USA"}, {"usa", "USA"}, {"canada", "Canada"}, {"finlande", "Finland"}, {"finland", "Finland"},
                {"autriche", "Austria"}, {"austria", "Austria"}, {"chypre", "Cyprus"}, {"cyprus", "Cyprus"},
                {"grece", "Greece"}, {"greece", "Greece"}, {"pologne", "Poland"}, {"poland", "Poland"},
                {"islande", "Iceland"}, {"iceland", "Iceland"}, {"singapour", "Singapore"}, {"singapore", "Singapore"},
                {"bresil", "Brazil"}, {"brazil", "Brazil"}, {"afrique du sud", "RSA"}, {"malte", "Malta"}, {"malta", "Malta"},
                {"lituanie", "Lithuania"}, {"republique tcheque", "Czech Republic"}, {"israel", "Israel"},
                {"emirats arabes unis", "United Arab Emirates"}, {"arabie saoudite", "Saudi Arabia"}, {"bahrein", "Bahrain"},
                {"liban", "Lebanon"}, {"nigeria", "Nigeria"}, {"coree", "Korea"}, {"thailande", "Thailand"}};
        for (String[] p : pairs) COUNTRIES.put(p[0], p[1]);
    }

    private static final Map<String, Integer> MONTHS = new LinkedHashMap<>();

    static {
        String[] fr = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"};
        String[] en = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
        for (int i = 0; i < 12; i++) {
            MONTHS.put(fr[i], i + 1);
            MONTHS.put(en[i], i + 1);
        }
    }

    private static final Pattern TOP = Pattern.compile("\\b(?:top|meilleurs?|meilleures?|premiers?|premieres?|best|plus gros|biggest|largest|principaux|principales)\\s*(\\d{1,3})?\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d{1,3})\\s+(?:meilleurs?|meilleures?|premiers?|best|top|plus|produits?|clients?|pays|products?|customers?|countries)");
    private static final Pattern YEAR = Pattern.compile("\\b(20\\d\\d)\\b");

    private RetailQuestions() {
    }

    public static Optional<Plan> plan(String question) {
        String q = normalise(question);
        boolean fr = q.matches(".*\\b(quels?|quelles?|les|des|du|de|meilleurs?|combien|produits|chiffre|ca|pays|qualite|donnees|alertes?|en|par)\\b.*");
        String period = period(q);
        String periodText = periodText(q, fr);

        if (q.matches(".*\\b(qualite|quality|fraicheur|freshness|rejets?|rejects?|couverture|coverage)\\b.*")) {
            return Optional.of(new Plan("data_quality", "select run_id, status, finished_at, reject_rate_pct, mdm_coverage_pct, "
                    + "mappings_to_review, failed_checks, warned_checks, checks_not_ok from retail.v_data_quality",
                    fr ? "Qualité des données du dernier chargement." : "Data quality of the latest load."));
        }
        if (q.matches(".*\\b(alertes?|alerts?|critiques?|critical|a surveiller|watch)\\b.*")) {
            String level = q.matches(".*\\b(critiques?|critical)\\b.*") ? " where level = 'CRITIQUE'" : " where level <> 'OK'";
            return Optional.of(new Plan("alerts", "select golden_id, description, level, rule, revenue, rating from retail.v_alerts"
                    + level + " order by case level when 'CRITIQUE' then 0 else 1 end, revenue desc",
                    fr ? "Produits en alerte." : "Products on alert."));
        }
        String country = country(q);
        String measure = q.matches(".*\\b(unites|units|quantites?|quantity|quantities|volumes?|vendus|sold)\\b.*") ? "units"
                : q.matches(".*\\b(commandes|orders|factures|invoices)\\b.*") && !q.contains("panier") ? "orders" : "revenue";
        String measureSql = switch (measure) {
            case "units" -> "sum(quantity)";
            case "orders" -> "count(distinct invoice)";
            default -> "round(sum(revenue), 2)";
        };
        String measureName = switch (measure) {
            case "units" -> fr ? "unités" : "units";
            case "orders" -> fr ? "commandes" : "orders";
            default -> fr ? "chiffre d'affaires" : "revenue";
        };
        int n = topN(q);
        String where = where(period, country);

        if (q.matches(".*\\b(produits?|products?|articles?|items?|references?)\\b.*")) {
            return Optional.of(new Plan("top_products", "select golden_id, description, " + measureSql + " as " + measure
                    + " from retail.v_sales" + where + " group by golden_id, description order by " + measure + " desc limit " + n,
                    (fr ? "Les " + n + " meilleurs produits par " : "The top " + n + " products by ") + measureName + periodText
                            + countryText(country, fr) + "."));
        }
        if (q.matches(".*\\b(clients?|customers?|acheteurs?|buyers?)\\b.*") && !q.matches(".*\\b(combien|how many|nombre)\\b.*")) {
            return Optional.of(new Plan("top_customers", "select customer_id, " + measureSql + " as " + measure
                    + " from retail.v_sales" + where + " group by customer_id order by " + measure + " desc limit " + n,
                    (fr ? "Les " + n + " meilleurs clients par " : "The top " + n + " customers by ") + measureName + periodText
                            + countryText(country, fr) + "."));
        }
        if (q.matches(".*\\b(pays|countries|country|marches|markets)\\b.*") && country == null) {
            return Optional.of(new Plan("top_countries", "select country, " + measureSql + " as " + measure
                    + " from retail.v_sales" + where + " group by country order by " + measure + " desc limit " + n,
                    (fr ? "Les " + n + " premiers pays par " : "The top " + n + " countries by ") + measureName + periodText + "."));
        }
        if (q.matches(".*\\b(combien|how many|nombre|number)\\b.*")) {
            if (q.matches(".*\\b(clients?|customers?)\\b.*")) {
                return Optional.of(new Plan("count_customers", "select count(distinct customer_id) as customers from retail.v_sales" + where,
                        (fr ? "Nombre de clients" : "Number of customers") + periodText + countryText(country, fr) + "."));
            }
            return Optional.of(new Plan("count_orders", "select count(distinct invoice) as orders from retail.v_sales" + where,
                    (fr ? "Nombre de commandes" : "Number of orders") + periodText + countryText(country, fr) + "."));
        }
        if (q.matches(".*\\b(ca|chiffre|revenue|revenues|ventes|sales|turnover)\\b.*")) {
            return Optional.of(new Plan("revenue", "select " + measureSql + " as " + measure + " from retail.v_sales" + where,
                    (fr ? "Chiffre d'affaires" : "Revenue") + periodText + countryText(country, fr) + "."));
        }
        return Optional.empty();
    }

    private static int topN(String q) {
        Matcher m = TOP.matcher(q);
        if (m.find() && m.group(1) != null) return clamp(Integer.parseInt(m.group(1)));
        Matcher n = NUMBER.matcher(q);
        if (n.find()) return clamp(Integer.parseInt(n.group(1)));
        Matcher words = Pattern.compile("\\b(trois|three|cinq|five|dix|ten|vingt|twenty)\\b").matcher(q);
        if (words.find()) {
            return switch (words.group(1)) {
                case "trois", "three" -> 3;
                case "cinq", "five" -> 5;
                case "vingt", "twenty" -> 20;
                default -> 10;
            };
        }
        return 10;
    }

    private static int clamp(int n) {
        return Math.max(1, Math.min(100, n));
    }

    static String country(String q) {
        for (var e : COUNTRIES.entrySet()) {
            if ((" " + q + " ").contains(" " + e.getKey() + " ")) return e.getValue();
        }
        return null;
    }

    /** A SQL condition on invoice_date for "en 2011", "in March 2011", "2010"; null when none. */
    static String period(String q) {
        Matcher y = YEAR.matcher(q);
        if (!y.find()) return null;
        int year = Integer.parseInt(y.group(1));
        for (var e : MONTHS.entrySet()) {
            if ((" " + q + " ").contains(" " + e.getKey() + " ")) {
                return "invoice_date >= make_date(" + year + ", " + e.getValue() + ", 1) and invoice_date < make_date(" + year
                        + ", " + e.getValue() + ", 1) + interval '1 month'";
            }
        }
        return "invoice_date >= make_date(" + year + ", 1, 1) and invoice_date < make_date(" + (year + 1) + ", 1, 1)";
    }

    private static String periodText(String q, boolean fr) {
        Matcher y = YEAR.matcher(q);
        if (!y.find()) return "";
        for (var e : MONTHS.entrySet()) {
            if ((" " + q + " ").contains(" " + e.getKey() + " ")) return (fr ? " en " : " in ") + e.getKey() + " " + y.group(1);
        }
        return (fr ? " en " : " in ") + y.group(1);
    }

    private static String countryText(String country, boolean fr) {
        return country == null ? "" : (fr ? " (" : " (") + country + ")";
    }

    private static String where(String period, String country) {
        StringBuilder w = new StringBuilder();
        if (period != null) w.append(" where ").append(period);
        if (country != null) w.append(w.length() == 0 ? " where " : " and ").append("country = '").append(country.replace("'", "''")).append("'");
        return w.toString();
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replace('’', '\'');
        return s.replaceAll("[^a-z0-9' ]+", " ").replaceAll("\\s+", " ").strip();
    }
}
