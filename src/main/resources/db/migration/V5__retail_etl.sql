-- Retail (Online Retail II ETL): runs, master data, facts, quality results, agent audit, and the views people read.
create schema if not exists retail;

-- One row per ETL run: what it read, what each step did, how long, what it rejected and why.
create table retail.etl_runs (
    id            bigserial primary key,
    source        text not null,
    checksum      text,
    strategy      text not null,
    forced        boolean not null default false,
    status        text not null check (status in ('RUNNING', 'SUCCEEDED', 'WARNED', 'FAILED', 'SKIPPED')),
    step          text,
    progress      jsonb not null default '{}',
    rows_read     bigint not null default 0,
    rows_loaded   bigint not null default 0,
    rows_rejected bigint not null default 0,
    rejects       jsonb not null default '{}',
    samples       jsonb not null default '[]',
    steps         jsonb not null default '{}',
    mdm           jsonb not null default '{}',
    checks        jsonb not null default '[]',
    error         text,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    created_by    text
);
create index etl_runs_checksum_idx on retail.etl_runs (checksum) where status in ('SUCCEEDED', 'WARNED');

-- Golden ids never change once given: any normalised description seen in a golden record keeps pointing at it.
create table retail.golden_registry (
    norm_key   text primary key,
    golden_id  text not null,
    first_run  bigint
);

create table retail.products (
    golden_id   text primary key,
    stock_code  text not null,
    description text not null,
    variants    integer not null,
    stock_codes text[] not null
);

create table retail.product_mapping (
    stock_code      text not null,
    description_raw text not null,
    golden_id       text not null,
    pass            text not null,
    score           double precision not null,
    primary key (stock_code, description_raw)
);

-- Links under the acceptance threshold: a person decides.
create table retail.mapping_review (
    stock_code      text not null,
    description_raw text not null,
    candidate       text not null,
    pass            text not null,
    score           double precision not null,
    primary key (stock_code, description_raw, candidate)
);

create table retail.customers (
    customer_id text primary key,
    country     text,
    first_seen  timestamp,
    last_seen   timestamp
);

create table retail.sales_facts (
    invoice      text not null,
    stock_code   text not null,
    golden_id    text,
    description  text,
    quantity     integer not null,
    invoice_date timestamp not null,
    price        numeric(12, 2) not null,
    revenue      numeric(14, 2) not null,
    customer_id  text not null,
    country      text
);
-- No index: the views aggregate whole tables (hash joins), and a bulk COPY into an indexed table is twice as slow.

create table retail.review_facts (
    stock_code  text,
    golden_id   text,
    customer_id text,
    rating      numeric(3, 1),
    label       text,
    text        text
);

-- Settings the views read (margin is estimated from a cost ratio: the data has no costs).
create table retail.parameters (
    name  text primary key,
    value numeric not null
);
insert into retail.parameters values ('cost_ratio', 0.65), ('alert_rating_critical', 2.5), ('alert_rating_watch', 3.5),
                                     ('alert_dormant_days', 90);

create table retail.quality_results (
    run_id   bigint not null references retail.etl_runs (id),
    name     text not null,
    kind     text not null,
    level    text not null check (level in ('OK', 'WARN', 'FAIL')),
    measured double precision,
    detail   text,
    primary key (run_id, name)
);

create table retail.agent_audit (
    id         bigserial primary key,
    asked_by   text,
    question   text not null,
    served_by  text not null,
    sql        text,
    outcome    text not null,
    row_count  integer,
    run_id     bigint,
    asked_at   timestamptz not null default now()
);

-- The text-to-SQL agent reads as this role: no login, SELECT on the retail views only (granted with the views).
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'relais_retail_reader') then
        create role relais_retail_reader nologin;
    end if;
    execute format('grant relais_retail_reader to %I', current_user);
exception when insufficient_privilege then
    raise notice 'relais_retail_reader not created (no CREATEROLE): the agent runs read-only as the application user';
end
$$;
grant usage on schema retail to relais_retail_reader;
