-- The retail views (rebuilt after every load and by POST /api/retail/db/views). Statements end with ";" at a line end.
drop view if exists retail.v_product_kpi, retail.v_customer_kpi, retail.v_alerts, retail.v_data_quality, retail.v_country_kpi,
    retail.v_sales cascade;

-- Sales lines with their golden product: what period questions read.
create view retail.v_sales as
select f.invoice, f.invoice_date, f.golden_id, p.description, f.customer_id, f.country, f.quantity, f.price, f.revenue
  from retail.sales_facts f
  left join retail.products p on p.golden_id = f.golden_id;

create view retail.v_product_kpi as
select p.golden_id,
       p.stock_code,
       p.description,
       coalesce(s.revenue, 0)                                                   as revenue,
       round(coalesce(s.revenue, 0) * (1 - (select value from retail.parameters where name = 'cost_ratio')), 2) as margin,
       coalesce(s.units, 0)                                                     as units,
       coalesce(s.orders, 0)                                                    as orders,
       s.first_sale,
       s.last_sale,
       r.rating,
       coalesce(r.reviews, 0)                                                   as reviews,
       p.variants
  from retail.products p
  left join (select golden_id, sum(revenue) as revenue, sum(quantity) as units, count(distinct invoice) as orders,
                    min(invoice_date) as first_sale, max(invoice_date) as last_sale
               from retail.sales_facts group by golden_id) s on s.golden_id = p.golden_id
  left join (select golden_id, round(avg(rating), 2) as rating, count(*) as reviews
               from retail.review_facts where golden_id is not null group by golden_id) r on r.golden_id = p.golden_id;

create view retail.v_customer_kpi as
select c.customer_id,
       c.country,
       count(distinct f.invoice)                                        as orders,
       coalesce(sum(f.revenue), 0)                                      as revenue,
       round(coalesce(sum(f.revenue), 0) / nullif(count(distinct f.invoice), 0), 2) as basket,
       c.first_seen,
       c.last_seen,
       (select round(avg(rating), 2) from retail.review_facts r where r.customer_id = c.customer_id) as rating
  from retail.customers c
  left join retail.sales_facts f on f.customer_id = c.customer_id
 group by c.customer_id, c.country, c.first_seen, c.last_seen;

create view retail.v_country_kpi as
select country, count(distinct customer_id) as customers, count(distinct invoice) as orders,
       sum(revenue) as revenue, sum(quantity) as units
  from retail.sales_facts group by country;

-- CRITIQUE / A_SURVEILLER / OK per product, with the rule that fired (thresholds in retail.parameters).
create view retail.v_alerts as
with horizon as (select max(invoice_date) as last_day from retail.sales_facts)
select k.golden_id,
       k.description,
       case when k.rating is not null and k.reviews >= 3
                 and k.rating < (select value from retail.parameters where name = 'alert_rating_critical') then 'CRITIQUE'
            when k.rating is not null
                 and k.rating < (select value from retail.parameters where name = 'alert_rating_watch') then 'A_SURVEILLER'
            when k.last_sale < (select last_day from horizon)
                 - make_interval(days => (select value from retail.parameters where name = 'alert_dormant_days')::int) then 'A_SURVEILLER'
            else 'OK' end as level,
       case when k.rating is not null and k.reviews >= 3
                 and k.rating < (select value from retail.parameters where name = 'alert_rating_critical')
                 then 'rating ' || k.rating || ' < ' || (select value from retail.parameters where name = 'alert_rating_critical')
            when k.rating is not null
                 and k.rating < (select value from retail.parameters where name = 'alert_rating_watch')
                 then 'rating ' || k.rating || ' < ' || (select value from retail.parameters where name = 'alert_rating_watch')
            when k.last_sale < (select last_day from horizon)
                 - make_interval(days => (select value from retail.parameters where name = 'alert_dormant_days')::int)
                 then 'no sale in the last ' || (select value from retail.parameters where name = 'alert_dormant_days')::int || ' days'
            else null end as rule,
       k.revenue,
       k.rating
  from retail.v_product_kpi k;

create view retail.v_data_quality as
with last_run as (select * from retail.etl_runs where status in ('SUCCEEDED', 'WARNED', 'FAILED')
                   order by id desc limit 1)
select r.id as run_id,
       r.status,
       r.finished_at,
       round(extract(epoch from (now() - r.finished_at)) / 3600.0, 1)                          as hours_since_load,
       (select max(invoice_date) from retail.sales_facts)                                       as latest_invoice,
       r.rows_read,
       r.rows_loaded,
       r.rows_rejected,
       round(100.0 * r.rows_rejected / nullif(r.rows_read, 0), 2)                              as reject_rate_pct,
       (r.mdm ->> 'coverage_pct')::numeric                                                      as mdm_coverage_pct,
       (select count(*) from retail.mapping_review)                                             as mappings_to_review,
       (select count(*) from retail.quality_results q where q.run_id = r.id and q.level = 'FAIL') as failed_checks,
       (select count(*) from retail.quality_results q where q.run_id = r.id and q.level = 'WARN') as warned_checks,
       (select string_agg(q.name, ', ') from retail.quality_results q where q.run_id = r.id and q.level <> 'OK') as checks_not_ok
  from last_run r;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'relais_retail_reader') then
        grant select on retail.v_product_kpi, retail.v_customer_kpi, retail.v_country_kpi, retail.v_alerts,
                        retail.v_data_quality, retail.v_sales to relais_retail_reader;
    end if;
end
$$;
