package io.relais.retail.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent's rules on common questions, French and English: intent and the SQL they must contain. */
class RetailQuestionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Quels sont les 3 meilleurs produits par CA ?                    | top_products   | limit 3;sum(revenue)
            Top 5 des produits en 2011                                      | top_products   | limit 5;make_date(2011, 1, 1)
            les 10 produits les plus vendus en unités                       | top_products   | sum(quantity);limit 10
            quels produits se vendent le mieux en Allemagne ?               | top_products   | country = 'Germany'
            meilleurs produits en mars 2011                                 | top_products   | make_date(2011, 3, 1)
            top 3 products by revenue                                       | top_products   | limit 3;sum(revenue)
            best 20 products by units in 2010                               | top_products   | limit 20;sum(quantity);make_date(2010, 1, 1)
            top products in France                                          | top_products   | country = 'France'
            top ten products sold in the Netherlands in December 2010       | top_products   | limit 10;country = 'Netherlands';make_date(2010, 12, 1)
            produits avec le plus de commandes                              | top_products   | count(distinct invoice)
            Quels sont nos 5 meilleurs clients ?                            | top_customers  | limit 5;group by customer_id
            meilleurs clients par chiffre d'affaires en 2011                | top_customers  | make_date(2011, 1, 1)
            les clients qui passent le plus de commandes                    | top_customers  | count(distinct invoice)
            top 10 customers by revenue                                     | top_customers  | limit 10
            best customers in Germany                                       | top_customers  | country = 'Germany'
            biggest customers by units in 2010                              | top_customers  | sum(quantity)
            meilleurs clients en Irlande                                    | top_customers  | country = 'EIRE'
            Quels pays rapportent le plus ?                                 | top_countries  | group by country
            top 5 des pays par CA en 2011                                   | top_countries  | limit 5;make_date(2011, 1, 1)
            top countries by revenue                                        | top_countries  | group by country
            which countries buy the most units?                             | top_countries  | sum(quantity)
            classement des pays par nombre de commandes                     | top_countries  | count(distinct invoice)
            Quel est le CA en France ?                                      | revenue        | country = 'France'
            chiffre d'affaires en Allemagne en 2011                         | revenue        | country = 'Germany';make_date(2011, 1, 1)
            CA du Royaume-Uni en novembre 2011                              | revenue        | country = 'United Kingdom';make_date(2011, 11, 1)
            revenue in Spain                                                | revenue        | country = 'Spain'
            total revenue in 2010                                           | revenue        | make_date(2010, 1, 1)
            ventes en Suisse                                                | revenue        | country = 'Switzerland'
            CA aux Pays-Bas                                                 | revenue        | country = 'Netherlands'
            chiffre d'affaires en Norvège                                   | revenue        | country = 'Norway'
            combien de clients en Belgique ?                                | count_customers| country = 'Belgium'
            how many customers in 2011?                                     | count_customers| make_date(2011, 1, 1)
            combien de commandes en 2010 ?                                  | count_orders   | count(distinct invoice)
            number of orders in Australia                                   | count_orders   | country = 'Australia'
            quels produits sont en alerte ?                                 | alerts         | level <> 'OK'
            alertes critiques                                               | alerts         | level = 'CRITIQUE'
            show me the alerts                                              | alerts         | v_alerts
            critical products                                               | alerts         | level = 'CRITIQUE'
            quelle est la qualité des données ?                             | data_quality   | v_data_quality
            data quality of the last load                                   | data_quality   | v_data_quality
            taux de rejets du dernier chargement                            | data_quality   | reject_rate_pct
            couverture MDM                                                  | data_quality   | mdm_coverage_pct
            """)
    void plans(String question, String intent, String fragments) {
        Optional<RetailQuestions.Plan> plan = RetailQuestions.plan(question);
        assertThat(plan).as(question).isPresent();
        assertThat(plan.get().intent()).isEqualTo(intent.strip());
        for (String fragment : fragments.split(";")) assertThat(plan.get().sql()).contains(fragment.strip());
        assertThat(new SqlGuard(io.relais.retail.RetailDatabase.VIEWS).check(plan.get().sql(), 200)).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            quelle heure est-il ?
            raconte-moi une blague
            """)
    void other_questions_are_not_guessed(String question) {
        assertThat(RetailQuestions.plan(question)).isEmpty();
    }
}
