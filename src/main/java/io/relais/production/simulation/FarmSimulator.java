package io.relais.production.simulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two years of force-feeding on three sites (LL, LS, MT), seeded and reproducible: 20 farmers a site with their own
 * skill, batches of 10 to 14 days back to back, two meals a day on a rising dose curve, weights, mortality, and the
 * outcome at slaughter (liver weight and its sigma, grading, ITM = kg of maize per kg of liver) that depends on the
 * dose, the farmer, the strain and the season. About 2 % of batches carry a planted anomaly (mortality spike,
 * overdosing, a missed-meals stretch, a liver collapse), recorded as the ground truth.
 */
public final class FarmSimulator {

    public record Site(String code, String name, String region) {
    }

    public record Farmer(String code, String name, String site, double skill) {
    }

    public record Day(LocalDate day, int index, int doseMorning, int doseEvening, int weight, int mortality) {
    }

    public record Batch(String code, String site, String farmer, String strain, int ducks, LocalDate start, LocalDate end,
                        List<Day> days, int slaughtered, double liverMean, double liverSigma, double gradeA,
                        double maizeKg, double liverKg, double itm, String anomaly) {
    }

    public record Data(List<Site> sites, List<Farmer> farmers, List<Batch> batches) {
    }

    public static final List<Site> SITES = List.of(new Site("LL", "Bretagne - Landes Lanvollon", "Bretagne"),
            new Site("LS", "Pays de la Loire - Sud", "Pays de la Loire"), new Site("MT", "Maubourguet", "Occitanie"));
    private static final String[] ANOMALIES = {"MORTALITY_SPIKE", "OVERDOSE", "MISSED_MEALS", "LIVER_COLLAPSE"};
    private static final String[] FIRST = {"Jean", "Marie", "Pierre", "Anne", "Louis", "Claire", "Paul", "Sophie", "Michel", "Julie"};
    private static final String[] LAST = {"Dubos", "Lacoste", "Pujol", "Darrigrand", "Lafitte", "Cazenave", "Labat", "Castaing"};

    private FarmSimulator() {
    }

    public static Data generate(LocalDate from, int days, long seed) {
        Random random = new Random(seed);
        List<Farmer> farmers = new ArrayList<>();
        for (Site s : SITES) {
            for (int i = 1; i <= 20; i++) {
                farmers.add(new Farmer(s.code() + "-G" + String.format("%02d", i), FIRST[random.nextInt(FIRST.length)] + " "
                        + LAST[random.nextInt(LAST.length)], s.code(), random.nextGaussian()));
            }
        }
        List<Batch> batches = new ArrayList<>();
        LocalDate end = from.plusDays(days);
        for (Farmer f : farmers) {
            LocalDate start = from.plusDays(random.nextInt(20));
            int n = 0;
            while (start.isBefore(end)) { // the last batches are still running on the day after the simulated ones
                int length = 10 + random.nextInt(5);
                String strain = random.nextInt(20) == 0 ? "BARBARIE" : "MULARD";
                String anomaly = random.nextInt(50) == 0 ? ANOMALIES[random.nextInt(ANOMALIES.length)] : null;
                batches.add(batch(f, String.format("%s-%03d", f.code(), ++n), strain, start, length, anomaly, random));
                start = start.plusDays(length + 3 + random.nextInt(6));
            }
        }
        return new Data(SITES, farmers, batches);
    }

    private static Batch batch(Farmer f, String code, String strain, LocalDate start, int length, String anomaly, Random random) {
        int ducks = 800 + random.nextInt(9) * 100;
        double season = Math.cos(2 * Math.PI * (start.getDayOfYear() - 15) / 365.0); // winter: better livers
        List<Day> days = new ArrayList<>();
        double totalDose = 0;
        int alive = ducks;
        double weight = 4_400 + random.nextGaussian() * 100;
        for (int d = 0; d < length; d++) {
            double base = 180 + 28 * d + f.skill() * 6;
            int morning = (int) Math.max(0, base + random.nextGaussian() * 12);
            int evening = (int) Math.max(0, base * 1.08 + random.nextGaussian() * 12);
            if ("OVERDOSE".equals(anomaly) && d >= length - 4) {
                morning = (int) (morning * 1.6);
                evening = (int) (evening * 1.6);
            }
            if ("MISSED_MEALS".equals(anomaly) && d >= 3 && d <= 6) {
                morning = 0;
                evening = (int) (evening * 0.4);
            }
            int deaths = random.nextInt(100) < 60 ? random.nextInt(3) : 0;
            if ("MORTALITY_SPIKE".equals(anomaly) && d >= length / 2) deaths += 15 + random.nextInt(20);
            alive -= deaths;
            weight += (morning + evening) * 0.11 + random.nextGaussian() * 15;
            totalDose += (morning + evening) / 1000.0 * alive;
            days.add(new Day(start.plusDays(d), d + 1, morning, evening, (int) weight, deaths));
        }
        double dosePerDuck = days.stream().mapToDouble(x -> x.doseMorning() + x.doseEvening()).sum();
        double liver = 250 + 0.033 * dosePerDuck + 14 * f.skill() + 12 * season + ("BARBARIE".equals(strain) ? -60 : 0)
                + random.nextGaussian() * 12;
        double sigma = Math.max(20, 75 - 6 * f.skill() + random.nextGaussian() * 6);
        if ("LIVER_COLLAPSE".equals(anomaly)) {
            liver *= 0.62;
            sigma *= 1.9;
        }
        if ("OVERDOSE".equals(anomaly)) sigma *= 1.5;
        double liverKg = liver * alive / 1000.0;
        double gradeA = Math.max(0, Math.min(100, 70 + 8 * f.skill() - (sigma - 60) * 0.6 + random.nextGaussian() * 4));
        return new Batch(code, f.site(), f.code(), strain, ducks, start, start.plusDays(length - 1), days, alive, liver, sigma,
                gradeA, totalDose, liverKg, totalDose / liverKg, anomaly);
    }
}
