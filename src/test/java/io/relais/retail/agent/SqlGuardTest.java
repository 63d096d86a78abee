package io.relais.retail.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relais.retail.RetailDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Injection attempts the guard refuses before anything reaches the database; ordinary reads it lets through. */
class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(RetailDatabase.VIEWS);

    @ParameterizedTest
    @ValueSource(strings = {
            "drop table retail.sales_facts",
            "select * from retail.v_sales, pg_roles",
            "select * from retail.v_sales s, (select * from pg_settings) p",
            "select * from retail.v_sales where exists (select 1 from pg_roles)",
            "select * from retail.v_sales union select * from pg_settings",
            "select * from retail.v_sales cross join lateral (select rolname from pg_roles) r",
            "with x as (select * from pg_roles) select * from retail.v_sales, x",
            "select (select count(*) from pg_stat_activity) from retail.v_sales",
            "delete from retail.v_sales",
            "update retail.v_product_kpi set revenue = 0",
            "insert into retail.products values ('x')",
            "truncate retail.sales_facts",
            "select 1; drop table retail.sales_facts",
            "select * from retail.v_sales; delete from retail.sales_facts",
            "with gone as (delete from retail.sales_facts returning *) select * from gone",
            "select * into retail.copy from retail.v_sales",
            "select pg_sleep(10) from retail.v_sales",
            "select * from retail.v_sales where pg_sleep(10) is null",
            "select * from retail.sales_facts",
            "select * from pg_catalog.pg_authid",
            "select * from information_schema.tables",
            "select * from retail.v_sales -- where country = 'x'",
            "select * from retail.v_sales /* comment */",
            "select * from retail.v_sales where description = $$x$$",
            "select set_config('role', 'postgres', false) from retail.v_sales",
            "select current_setting('password') from retail.v_sales",
            "select lo_import('/etc/passwd') from retail.v_sales",
            "select * from retail.v_sales for update",
            "select nextval('retail.etl_runs_id_seq') from retail.v_sales",
            "copy (select * from retail.v_sales) to '/tmp/x'",
            "set role postgres",
            "select * from \"retail\".\"sales_facts\"",
            "select * from retail.v_sales where country = 'x' union select * from retail.sales_facts",
            "select dblink_exec('x') from retail.v_sales",
            "select 1",
            "select * from retail.v_sales where description = 'it''s'; drop table x",
            "select * from retail.v_sales where description = 'unterminated",
            "explain analyze select * from retail.v_sales",
            "select pg_read_file('/etc/passwd') from retail.v_sales",
            "select * from retail.v_sales\\g",
    })
    void refuses(String sql) {
        assertThatThrownBy(() -> guard.check(sql, 100)).isInstanceOf(SqlGuard.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select description, sum(revenue) as revenue from retail.v_sales group by description order by revenue desc limit 3",
            "SELECT country, COUNT(DISTINCT invoice) FROM v_sales WHERE invoice_date >= make_date(2011, 1, 1) GROUP BY country",
            "select * from retail.v_alerts where description = 'SET OF 3 CAKE TINS; DROP TABLE x' and level <> 'OK'",
            "with top as (select golden_id, sum(revenue) r from retail.v_sales group by golden_id) select * from top order by r desc",
            "select k.description, a.level from retail.v_product_kpi k join retail.v_alerts a on a.golden_id = k.golden_id;",
    })
    void accepts(String sql) {
        assertThat(guard.check(sql, 50)).startsWith("select * from (").endsWith(") as answer limit 50");
    }
}
