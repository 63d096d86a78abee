package io.relais.retail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgentSummaryTest {

    @Test
    void rows_read_as_a_numbered_list_with_labels_ids_and_grouped_figures() {
        String text = RetailAgent.summary(List.of("golden_id", "description", "revenue", "units"), List.of(
                List.of("G1A2B3C4D5", "WHITE HANGING HEART T-LIGHT HOLDER", new BigDecimal("8057.28"), 1234L),
                List.of("G9F8E7D6C5", "REGENCY CAKESTAND 3 TIER", new BigDecimal("164762.19"), 13851L)));
        assertThat(text).isEqualTo("1. WHITE HANGING HEART T-LIGHT HOLDER (G1A2B3C4D5): revenue 8,057.28, units 1,234; "
                + "2. REGENCY CAKESTAND 3 TIER (G9F8E7D6C5): revenue 164,762.19, units 13,851");
        assertThat(text).doesNotContain("=");
        assertThat(RetailAgent.summary(List.of("n"), List.of())).isEqualTo("(no rows)");
    }
}
