package io.relais.shop.catalog;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded, reproducible garden catalog in the canonical CSV layout: the demo catalog shipped in
 * {@code src/main/resources/demo/shop-products.csv} (1,000 references) and larger ones for benchmarks.
 * {@code java ... CatalogGenerator <rows> <file>}.
 */
public final class CatalogGenerator {

    record Family(String prefix, String category, String[] kinds, String[] varieties, String[] sizes, double minPrice,
                  double maxPrice) {
    }

    static final List<Family> FAMILIES = List.of(
            new Family("ROS", "rosiers", new String[] {"Rosier buisson", "Rosier grimpant", "Rosier tige", "Rosier paysager", "Rosier liane"},
                    new String[] {"Pierre de Ronsard", "Albertine", "Iceberg", "Papa Meilland", "Bonica", "Graham Thomas",
                            "Chartreuse de Parme", "Westerland", "Ghislaine de Féligonde", "Sourire d'Orchidée"},
                    new String[] {"pot 3L", "pot 5L", "racines nues", "pot 10L"}, 9.9, 49.0),
            new Family("SEM", "semences", new String[] {"Graines de tomate", "Graines de carotte", "Graines de radis", "Graines de laitue",
                    "Graines de courgette", "Graines de basilic", "Gazon", "Graines de fleurs mellifères"},
                    new String[] {"Cœur de bœuf", "Nantaise", "Rond écarlate", "Batavia", "Verte de Milan", "Grand vert",
                            "rustique", "ombre", "bio", "ancienne"},
                    new String[] {"sachet 1g", "sachet 5g", "boîte 1kg", "boîte 5kg"}, 1.5, 39.0),
            new Family("TER", "terreaux", new String[] {"Terreau universel", "Terreau géraniums", "Terreau semis", "Terreau agrumes",
                    "Terre de bruyère", "Terreau rosiers", "Compost végétal", "Paillage de lin"},
                    new String[] {"bio", "enrichi", "sans tourbe", "UAB", "premium"},
                    new String[] {"20L", "40L", "50L", "70L"}, 4.9, 24.0),
            new Family("ENG", "engrais", new String[] {"Engrais rosiers", "Engrais potager", "Engrais gazon", "Corne broyée",
                    "Sang séché", "Purin d'ortie", "Engrais universel", "Engrais agrumes"},
                    new String[] {"organique", "bio", "longue durée", "liquide", "granulés"},
                    new String[] {"750g", "1,5kg", "5kg", "1L"}, 5.9, 34.0),
            new Family("OUT", "outils", new String[] {"Sécateur", "Bêche", "Râteau", "Binette", "Transplantoir", "Cisaille à haie",
                    "Fourche à bêcher", "Scie d'élagage", "Serfouette", "Coupe-branches"},
                    new String[] {"inox", "manche frêne", "ergonomique", "professionnel", "léger"},
                    new String[] {"petit modèle", "grand modèle", "standard"}, 7.9, 89.0),
            new Family("ARR", "arrosage", new String[] {"Arrosoir", "Tuyau d'arrosage", "Pistolet d'arrosage", "Goutteur",
                    "Programmateur", "Récupérateur d'eau", "Asperseur", "Enrouleur"},
                    new String[] {"métal galvanisé", "anti-torsion", "multi-jets", "automatique", "compact"},
                    new String[] {"5L", "10L", "15m", "25m", "300L"}, 3.9, 129.0),
            new Family("POT", "pots", new String[] {"Pot terre cuite", "Jardinière", "Bac à fleurs", "Pot émaillé", "Soucoupe",
                    "Suspension", "Pot résine"},
                    new String[] {"naturel", "anthracite", "blanc", "bleu", "vieilli"},
                    new String[] {"Ø20cm", "Ø30cm", "Ø40cm", "60cm", "80cm"}, 2.5, 79.0),
            new Family("BUL", "bulbes", new String[] {"Bulbes de tulipe", "Bulbes de narcisse", "Bulbes de crocus", "Bulbes de dahlia",
                    "Bulbes de glaïeul", "Bulbes d'allium"},
                    new String[] {"Darwin", "Perroquet", "botanique", "géant", "mélange"},
                    new String[] {"x10", "x25", "x50"}, 3.5, 29.0),
            new Family("ARB", "arbustes", new String[] {"Lavande", "Hortensia", "Buis", "Photinia", "Laurier-rose", "Forsythia",
                    "Céanothe", "Abélia"},
                    new String[] {"Hidcote", "Annabelle", "Red Robin", "nain", "panaché"},
                    new String[] {"pot 2L", "pot 4L", "pot 7L"}, 6.9, 59.0),
            new Family("PRO", "protection", new String[] {"Voile d'hivernage", "Filet anti-oiseaux", "Piège à limaces",
                    "Savon noir", "Bouillie bordelaise", "Gants de jardin", "Tuteur bambou"},
                    new String[] {"renforcé", "bio", "naturel", "cuir", "réutilisable"},
                    new String[] {"2x5m", "1kg", "taille 8", "taille 9", "lot de 10"}, 2.9, 29.0));

    private CatalogGenerator() {
    }

    public static void write(Writer out, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        int perFamily = (int) Math.ceil(rows / (double) FAMILIES.size());
        int digits = Math.max(3, String.valueOf(perFamily).length());
        out.write(String.join(",", CsvLayout.FIELDS) + "\n");
        int written = 0;
        for (int i = 1; i <= perFamily && written < rows; i++) {
            for (Family f : FAMILIES) {
                if (written >= rows) break;
                String kind = f.kinds[random.nextInt(f.kinds.length)];
                String variety = f.varieties[random.nextInt(f.varieties.length)];
                String size = f.sizes[random.nextInt(f.sizes.length)];
                String name = f.category.equals("rosiers") || f.category.equals("arbustes")
                        ? kind + " '" + variety + "' " + size : kind + " " + variety + " " + size;
                double price = f.minPrice + random.nextDouble() * (f.maxPrice - f.minPrice);
                int stock = random.nextInt(10) == 0 ? random.nextInt(3) : 5 + random.nextInt(200);
                int threshold = 3 + random.nextInt(8);
                String description = kind + " " + variety + ", " + size + ". Sélection " + f.category + " du jardin.";
                out.write(String.format(Locale.ROOT, "%s-%0" + digits + "d,%s,%s,%s,%.2f,%d,%d,%n", f.prefix, i,
                        csv(name), csv(description), f.category, Math.round(price * 10) / 10.0 - 0.01, stock, threshold));
                written++;
            }
        }
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            write(out, rows, 42);
        }
    }
}
