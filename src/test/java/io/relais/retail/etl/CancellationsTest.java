package io.relais.retail.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;

import io.relais.retail.etl.Cancellations.Cancel;
import io.relais.retail.etl.Cancellations.Sale;
import org.junit.jupiter.api.Test;

class CancellationsTest {

    private static final LocalDateTime DAY1 = LocalDateTime.of(2011, 11, 1, 10, 0), DAY2 = DAY1.plusDays(1), DAY3 = DAY1.plusDays(2);

    @Test
    void a_cancellation_takes_back_the_latest_earlier_sale_first_then_older_ones_never_below_zero() {
        List<Sale> sales = List.of(new Sale("a", "500001", "22423", "c1", DAY1, 4, null),
                new Sale("b", "500002", "22423", "c1", DAY2, 3, null),
                new Sale("later", "500009", "22423", "c1", DAY3, 10, null),
                new Sale("other customer", "500003", "22423", "c2", DAY1, 5, null));
        var outcome = Cancellations.allocate(List.of(new Cancel(7, "C500004", "22423", "c1", DAY2.plusHours(2), 5, "")), sales);
        assertThat(outcome.quantities()).containsEntry("b", 0).containsEntry("a", 2).doesNotContainKeys("later", "other customer");
        assertThat(outcome.unitsCancelled()).isEqualTo(5);
        assertThat(outcome.applied()).hasSize(1);
        assertThat(outcome.salesRemoved("")).isEqualTo(1);
    }

    @Test
    void cancellations_apply_in_date_order_and_one_with_nothing_left_is_unmatched() {
        List<Sale> sales = List.of(new Sale("a", "500001", "85123A", "c1", DAY1, 2, null));
        var outcome = Cancellations.allocate(List.of(
                new Cancel(9, "C500010", "85123A", "c1", DAY3, 1, "later"),
                new Cancel(8, "C500005", "85123A", "c1", DAY2, 2, "first"),
                new Cancel(10, "C500011", "99999", "c1", DAY3, 1, "no such sale")), sales);
        assertThat(outcome.quantities()).containsEntry("a", 0);
        assertThat(outcome.applied()).extracting(Cancel::text).containsExactly("first");
        assertThat(outcome.unmatched()).extracting(Cancel::text).containsExactly("later", "no such sale");
        assertThat(outcome.unitsCancelled()).isEqualTo(2);
    }

    @Test
    void a_reduced_staged_line_gets_its_new_quantity_and_exact_revenue() {
        String line = "500001\t22423\tREGENCY CAKESTAND\t4\t2011-11-01 10:00:00\t0.125\t0.500\tc1\tFrance";
        assertThat(RetailLoader.withQuantity(line, 3)).isEqualTo("500001\t22423\tREGENCY CAKESTAND\t3\t2011-11-01 10:00:00\t0.125\t0.375\tc1\tFrance");
    }
}
