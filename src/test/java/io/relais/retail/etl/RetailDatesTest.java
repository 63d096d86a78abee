package io.relais.retail.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** The invoice dates of Online Retail files, read in one pass. */
class RetailDatesTest {

    @Test
    void every_layout_of_the_files_is_read() {
        assertThat(RetailDates.parse("2009-12-01 07:45:00")).isEqualTo(LocalDateTime.of(2009, 12, 1, 7, 45, 0));
        assertThat(RetailDates.parse("2010-12-01 08:26")).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
        assertThat(RetailDates.parse("12/1/2010 8:26")).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
        assertThat(RetailDates.parse("13/1/2010 8:26")).isEqualTo(LocalDateTime.of(2010, 1, 13, 8, 26));
        assertThat(RetailDates.parse("1/12/10 8:26")).isEqualTo(LocalDateTime.of(2010, 1, 12, 8, 26));
        assertThat(RetailDates.parse("2011-12-09T12:50:00")).isEqualTo(LocalDateTime.of(2011, 12, 9, 12, 50));
        assertThat(RetailDates.parse("2011-12-09 12:50:07.250")).isEqualTo(LocalDateTime.of(2011, 12, 9, 12, 50, 7));
        assertThat(RetailDates.parse("  2011-12-09  ")).isEqualTo(LocalDateTime.of(2011, 12, 9, 0, 0));
        assertThat(RetailDates.parse("2011-12-09 7")).isEqualTo(LocalDateTime.of(2011, 12, 9, 7, 0));
    }

    @Test
    void anything_else_is_refused() {
        for (String bad : new String[] {"", "   ", "yesterday", "2011/12", "2011-12-09 12:5x", "2011-13-09", "31/31/2011 8:00",
                "2011-12-09 25:00", "12.1.2010 8:26", "2011-12-09 12:50:00 CET", "-1-12-09", "99999-12-09"}) {
            assertThatThrownBy(() -> RetailDates.parse(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }
}
