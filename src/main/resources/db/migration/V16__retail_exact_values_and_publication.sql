-- What the cleaner accepted is what is stored: a unit price of 0.001 stays 0.001 (it was rounded to 0.00 before, and
-- the positive-price check then failed). The views are dropped here and rebuilt at start (db/retail/views.sql).
do $$
declare v record;
begin
    for v in select table_name from information_schema.views where table_schema = 'retail' loop
        execute format('drop view if exists retail.%I cascade', v.table_name);
    end loop;
end $$;
alter table retail.sales_facts alter column price type numeric, alter column revenue type numeric;

-- A run publishes its data only when no check FAILs; published says whether this run's data is the one serving.
alter table retail.etl_runs add column published boolean not null default false;
update retail.etl_runs set published = true where status in ('SUCCEEDED', 'WARNED');
