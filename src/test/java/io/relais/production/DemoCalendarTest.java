package io.relais.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import io.relais.production.simulation.FarmSimulator;
import org.junit.jupiter.api.Test;

/** The demo's two simulated years end yesterday, on any day: active batches, next week's slaughters, nothing measured ahead. */
class DemoCalendarTest {

    @Test
    void on_any_day_the_demo_has_active_batches_next_weeks_slaughters_and_no_measurement_after_yesterday() {
        for (LocalDate today : List.of(LocalDate.now(), LocalDate.of(2026, 12, 1), LocalDate.of(2031, 2, 28), LocalDate.of(2027, 7, 14))) {
            LocalDate from = ProductionData.demoStart(today, 730);
            FarmSimulator.Data data = FarmSimulator.generate(from, 730, 2024);
            LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            long active = data.batches().stream().filter(b -> ProductionData.status(b, today).equals("ACTIVE")).count();
            long nextWeek = data.batches().stream().filter(b -> ProductionData.status(b, today).equals("ACTIVE"))
                    .filter(b -> !b.end().isBefore(monday) && !b.end().isAfter(monday.plusDays(6))).count();
            assertThat(active).as("active batches on " + today).isGreaterThan(20);
            assertThat(nextWeek).as("batches to slaughter the week after " + today).isPositive();
            assertThat(data.batches().stream().flatMap(b -> ProductionData.measured(b, today).stream()))
                    .allSatisfy(d -> assertThat(d.day()).isBefore(today));
            assertThat(data.batches().stream().filter(b -> ProductionData.status(b, today).equals("DONE")))
                    .allSatisfy(b -> assertThat(ProductionData.measured(b, today)).hasSameSizeAs(b.days()));
            assertThat(data.batches().stream().mapToLong(b -> b.end().toEpochDay()).max().orElseThrow())
                    .as("the last batch ends within two weeks").isLessThan(today.plusDays(15).toEpochDay());
        }
    }

    @Test
    void the_demo_is_the_same_for_a_given_day() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        var a = FarmSimulator.generate(ProductionData.demoStart(today, 730), 730, 2024);
        var b = FarmSimulator.generate(ProductionData.demoStart(today, 730), 730, 2024);
        assertThat(a.batches()).isEqualTo(b.batches());
        assertThat(a.batches().get(0).start()).isAfterOrEqualTo(today.minusDays(730));
    }
}
