package io.relais.retail.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.relais.retail.RetailSettings;
import io.relais.testsupport.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checks that are one aggregate of a table are answered by one scan of it, with the same outcomes as one query
 * each; a check naming a column the table lacks fails alone and says so, the others still answer.
 */
class QualityChecksScanTest extends AppTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RetailSettings settings;

    @Test
    void one_scan_per_table_answers_as_one_query_per_check_did_and_a_broken_check_fails_alone() {
        assertThat(jdbc.queryForObject("select count(*) from retail.sales_facts", Long.class)).as("the demo sales").isPositive();
        List<RetailSettings.Check> configured = settings.checks();
        List<QualityChecks.Outcome> scanned = inTransaction(new QualityChecks(jdbc, settings, transactions));
        // the same checks, one query each: a broken check of the same table makes its table's scan fail
        List<QualityChecks.Outcome> oneByOne = new ArrayList<>();
        for (RetailSettings.Check c : configured) {
            oneByOne.add(inTransaction(new QualityChecks(jdbc, with(List.of(c, broken(c.table()))), transactions)).get(0));
        }
        assertThat(scanned).hasSameSizeAs(configured);
        for (int i = 0; i < configured.size(); i++) {
            QualityChecks.Outcome a = scanned.get(i), b = oneByOne.get(i);
            assertThat(a.name()).isEqualTo(configured.get(i).name());
            assertThat(a.level()).as(a.name()).isEqualTo(b.level());
            assertThat(a.detail()).as(a.name()).isEqualTo(b.detail());
        }

        // a broken check first: it fails alone, every check after it (scanned or not) answers as before
        List<RetailSettings.Check> withBroken = new ArrayList<>(configured);
        withBroken.add(0, broken("sales_facts"));
        List<QualityChecks.Outcome> outcomes = inTransaction(new QualityChecks(jdbc, with(withBroken), transactions));
        assertThat(outcomes.get(0).level()).isEqualTo("FAIL");
        assertThat(outcomes.get(0).detail()).contains("could not run").contains("custmer_id");
        for (int i = 0; i < configured.size(); i++) {
            assertThat(outcomes.get(i + 1).detail()).as(outcomes.get(i + 1).name()).isEqualTo(scanned.get(i).detail());
        }
    }

    private static RetailSettings.Check broken(String table) {
        return new RetailSettings.Check("misspelt-column", "null_rate", table, "custmer_id", null, null, null, null, 0.0, null, null);
    }

    private List<QualityChecks.Outcome> inTransaction(QualityChecks checks) {
        return new TransactionTemplate(transactions).execute(tx -> {
            tx.setRollbackOnly();
            return checks.evaluateAll(false);
        });
    }

    private RetailSettings with(List<RetailSettings.Check> checks) {
        return new RetailSettings(settings.strategy(), settings.matching(), settings.samplesPerRule(), settings.demoData(), settings.demoRows(),
                checks, settings.maxVolumeDrop(), settings.agent(), settings.inboxMode(), settings.sentimentCron());
    }
}
