package io.relais.shop.restock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReorderPlannerTest {

    @Test
    void nothing_is_proposed_while_projected_stock_stays_above_the_minimum() {
        assertThat(ReorderPlanner.plan(50, 1.0, new ReorderPlanner.Rule(10, 60, 1, 7))).isNull();
    }

    @Test
    void an_order_fills_up_to_the_maximum_plus_lead_time_demand_in_whole_packs() {
        // available 12, 2/day over 7 days -> projected -2 < min 10; wanted 60 - (-2) = 62 -> packs of 12 -> 72
        var p = ReorderPlanner.plan(12, 2.0, new ReorderPlanner.Rule(10, 60, 12, 7));
        assertThat(p.quantity()).isEqualTo(72);
        assertThat(p.reason()).contains("packs of 12");
    }

    @Test
    void without_a_rule_the_alert_threshold_and_cover_days_decide() {
        var rule = ReorderPlanner.defaultRule(5, 3.0, 14);
        assertThat(rule.min()).isEqualTo(5);
        assertThat(rule.max()).isEqualTo(47);
        assertThat(ReorderPlanner.plan(4, 0.0, rule).quantity()).isEqualTo(43);
    }
}
