package io.relais.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relais.platform.files.ImportReport;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Batches and measurements from CSV files ({@code inbox/production/batches/}, {@code inbox/production/measurements/}),
 * with the platform's report: valid rows land (upserted by batch code, or by batch and day), invalid rows are listed
 * with their line and reason. Batches: {@code code,site_code,farmer_code,strain_code,ducks,start_date,end_date} and
 * optionally the outcome ({@code slaughter_date,ducks_slaughtered,liver_mean_g,liver_sigma_g,grade_a_pct,maize_kg,liver_kg});
 * an unknown farmer of a known site is created. Measurements:
 * {@code batch_code,day,dose_morning_g,dose_evening_g,weight_g,mortality}. Comma or semicolon.
 */
@Service("productionImport")
public class ProductionImport {

    private final JdbcClient jdbc;

    ProductionImport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ImportReport batches(@Body InputStream csv, @Header("CamelFileName") String name) throws IOException {
        ImportReport report = new ImportReport(name == null ? "batches" : name);
        List<String> sites = jdbc.sql("select code from production.sites").query(String.class).list();
        for (CSVRecord r : parse(csv)) {
            long line = r.getRecordNumber() + 1;
            try {
                String code = required(r, "code"), site = required(r, "site_code").toUpperCase(Locale.ROOT);
                if (!sites.contains(site)) throw new IllegalArgumentException("unknown site " + site);
                String farmerCode = required(r, "farmer_code");
                String strain = optional(r, "strain_code", "MULARD").toUpperCase(Locale.ROOT);
                int ducks = Integer.parseInt(required(r, "ducks"));
                if (ducks <= 0) throw new IllegalArgumentException("ducks must be positive");
                LocalDate start = LocalDate.parse(required(r, "start_date")), end = LocalDate.parse(required(r, "end_date"));
                if (end.isBefore(start)) throw new IllegalArgumentException("end_date before start_date");
                Integer farmer = jdbc.sql("select id from production.farmers where code = :code").param("code", farmerCode)
                        .query(Integer.class).optional().orElse(null);
                if (farmer == null) {
                    farmer = jdbc.sql("insert into production.farmers (code, name, site_code) values (:code, :code, :site) returning id")
                            .param("code", farmerCode).param("site", site).query(Integer.class).single();
                    report.count("farmers_created", 1);
                }
                jdbc.sql("insert into production.strains (code, name) values (:code, :code) on conflict do nothing").param("code", strain).update();
                String status = end.isBefore(LocalDate.now()) ? "DONE" : start.isAfter(LocalDate.now()) ? "PLANNED" : "ACTIVE";
                Long id = jdbc.sql("""
                        insert into production.batches (code, site_code, farmer_id, strain_code, ducks, start_date, end_date, status)
                        values (:code, :site, :farmer, :strain, :ducks, :start, :end, :status)
                        on conflict (code) do update set site_code = excluded.site_code, farmer_id = excluded.farmer_id,
                            strain_code = excluded.strain_code, ducks = excluded.ducks, start_date = excluded.start_date,
                            end_date = excluded.end_date, status = excluded.status
                        returning id""").param("code", code).param("site", site).param("farmer", farmer).param("strain", strain)
                        .param("ducks", ducks).param("start", start).param("end", end).param("status", status).query(Long.class).single();
                if (r.isMapped("liver_mean_g") && !r.get("liver_mean_g").isBlank()) {
                    BigDecimal maize = new BigDecimal(required(r, "maize_kg")), liver = new BigDecimal(required(r, "liver_kg"));
                    if (liver.signum() <= 0) throw new IllegalArgumentException("liver_kg must be positive");
                    jdbc.sql("""
                            insert into production.outcomes (batch_id, slaughter_date, ducks_slaughtered, liver_mean_g, liver_sigma_g,
                                                             grade_a_pct, maize_kg, liver_kg, itm)
                            values (:batch, :slaughterDate, :slaughtered, :liverMean, :liverSigma, :gradeA, :maize, :liver, :itm)
                            on conflict (batch_id) do update set slaughter_date = excluded.slaughter_date,
                                ducks_slaughtered = excluded.ducks_slaughtered, liver_mean_g = excluded.liver_mean_g,
                                liver_sigma_g = excluded.liver_sigma_g, grade_a_pct = excluded.grade_a_pct,
                                maize_kg = excluded.maize_kg, liver_kg = excluded.liver_kg, itm = excluded.itm""")
                            .param("batch", id).param("slaughterDate", LocalDate.parse(optional(r, "slaughter_date", end.plusDays(1).toString())))
                            .param("slaughtered", Integer.parseInt(optional(r, "ducks_slaughtered", String.valueOf(ducks))))
                            .param("liverMean", new BigDecimal(required(r, "liver_mean_g")))
                            .param("liverSigma", new BigDecimal(optional(r, "liver_sigma_g", "0")))
                            .param("gradeA", r.isMapped("grade_a_pct") && !r.get("grade_a_pct").isBlank() ? new BigDecimal(r.get("grade_a_pct")) : null)
                            .param("maize", maize).param("liver", liver).param("itm", maize.divide(liver, 3, java.math.RoundingMode.HALF_UP))
                            .update();
                }
                report.count("imported", 1);
            } catch (RuntimeException e) {
                report.reject(line, reason(e), String.join(",", r.toList()));
            }
        }
        return report.completed();
    }

    public ImportReport measurements(@Body InputStream csv, @Header("CamelFileName") String name) throws IOException {
        ImportReport report = new ImportReport(name == null ? "measurements" : name);
        Map<String, Object[]> batches = new HashMap<>();
        for (CSVRecord r : parse(csv)) {
            long line = r.getRecordNumber() + 1;
            try {
                String code = required(r, "batch_code");
                Object[] batch = batches.computeIfAbsent(code, c -> jdbc.sql("select id, start_date from production.batches where code = :code")
                        .param("code", c).query((rs, i) -> new Object[] {rs.getLong(1), rs.getDate(2).toLocalDate()}).optional().orElse(null));
                if (batch == null) throw new IllegalArgumentException("unknown batch " + code);
                LocalDate day = LocalDate.parse(required(r, "day"));
                int morning = Integer.parseInt(required(r, "dose_morning_g")), evening = Integer.parseInt(required(r, "dose_evening_g"));
                int mortality = Integer.parseInt(optional(r, "mortality", "0"));
                if (morning < 0 || evening < 0 || mortality < 0) throw new IllegalArgumentException("doses and mortality cannot be negative");
                String weight = optional(r, "weight_g", "");
                jdbc.sql("""
                        insert into production.measurements (batch_id, day, day_index, dose_morning_g, dose_evening_g, weight_g, mortality)
                        values (:batch, :day, :dayIndex, :morning, :evening, :weight, :mortality)
                        on conflict (batch_id, day) do update set dose_morning_g = excluded.dose_morning_g,
                            dose_evening_g = excluded.dose_evening_g, weight_g = excluded.weight_g, mortality = excluded.mortality""")
                        .param("batch", batch[0]).param("day", day).param("dayIndex", (int) ChronoUnit.DAYS.between((LocalDate) batch[1], day) + 1)
                        .param("morning", morning).param("evening", evening).param("weight", weight.isBlank() ? null : Integer.parseInt(weight))
                        .param("mortality", mortality).update();
                report.count("imported", 1);
            } catch (RuntimeException e) {
                report.reject(line, reason(e), String.join(",", r.toList()));
            }
        }
        return report.completed();
    }

    private static List<CSVRecord> parse(InputStream csv) throws IOException {
        byte[] bytes = csv.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
        String header = text.lines().findFirst().orElse("");
        char separator = header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count() ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8), format)) {
            return parser.getRecords();
        }
    }

    private static String required(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column) || r.get(column).isBlank()) throw new IllegalArgumentException("missing " + column);
        return r.get(column).strip();
    }

    private static String optional(CSVRecord r, String column, String fallback) {
        return r.isMapped(column) && r.isSet(column) && !r.get(column).isBlank() ? r.get(column).strip() : fallback;
    }

    private static String reason(RuntimeException e) {
        if (e instanceof java.time.format.DateTimeParseException) return "not a date (YYYY-MM-DD): " + ((java.time.format.DateTimeParseException) e).getParsedString();
        if (e instanceof NumberFormatException) return "not a number: " + e.getMessage();
        if (e instanceof org.springframework.dao.DataAccessException d) return d.getMostSpecificCause().getMessage();
        return e.getMessage();
    }
}
