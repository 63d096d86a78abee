-- Production (duck farming): sites, farmers, strains, batches and their daily measurements, outcomes at slaughter,
-- abattoirs, model runs and their results, and the site-performance view.
create schema if not exists production;

create table production.sites (
    code   text primary key,
    name   text not null,
    region text
);

create table production.strains (
    code text primary key,
    name text not null
);

create table production.farmers (
    id        serial primary key,
    code      text not null unique,
    name      text not null,
    site_code text not null references production.sites (code),
    username  text unique            -- the platform user (role farmer) who sees this farmer's batches
);

create table production.batches (
    id                bigserial primary key,
    code              text not null unique,
    site_code         text not null references production.sites (code),
    farmer_id         integer not null references production.farmers (id),
    strain_code       text not null references production.strains (code),
    ducks             integer not null check (ducks > 0),
    start_date        date not null,
    end_date          date not null check (end_date >= start_date),
    status            text not null check (status in ('PLANNED', 'ACTIVE', 'DONE')),
    simulated_anomaly text            -- ground truth the simulator planted (null for real data)
);
create index batches_site_idx on production.batches (site_code, end_date);
create index batches_farmer_idx on production.batches (farmer_id);

-- Daily measurements: a TimescaleDB hypertable when the extension is there, native yearly range partitions otherwise.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'timescaledb') then
        create extension if not exists timescaledb;
        create table production.measurements (
            batch_id       bigint not null references production.batches (id) on delete cascade,
            day            date not null,
            day_index      integer not null,
            dose_morning_g integer not null check (dose_morning_g >= 0),
            dose_evening_g integer not null check (dose_evening_g >= 0),
            weight_g       integer,
            mortality      integer not null default 0 check (mortality >= 0),
            primary key (batch_id, day)
        );
        perform create_hypertable('production.measurements', 'day', chunk_time_interval => interval '1 month');
    else
        create table production.measurements (
            batch_id       bigint not null references production.batches (id) on delete cascade,
            day            date not null,
            day_index      integer not null,
            dose_morning_g integer not null check (dose_morning_g >= 0),
            dose_evening_g integer not null check (dose_evening_g >= 0),
            weight_g       integer,
            mortality      integer not null default 0 check (mortality >= 0),
            primary key (batch_id, day)
        ) partition by range (day);
        for y in 2020..2035 loop
            execute format('create table production.measurements_%s partition of production.measurements '
                           'for values from (%L) to (%L)', y, make_date(y, 1, 1), make_date(y + 1, 1, 1));
        end loop;
        create table production.measurements_other partition of production.measurements default;
    end if;
end
$$;

create table production.outcomes (
    batch_id          bigint primary key references production.batches (id) on delete cascade,
    slaughter_date    date not null,
    ducks_slaughtered integer not null,
    liver_mean_g      numeric(7, 1) not null,
    liver_sigma_g     numeric(7, 1) not null,
    grade_a_pct       numeric(5, 2),
    maize_kg          numeric(10, 2) not null,
    liver_kg          numeric(10, 2) not null,
    itm               numeric(6, 3) not null   -- kg of maize per kg of liver
);

create table production.abattoirs (
    code           text primary key,
    name           text not null,
    daily_capacity integer not null check (daily_capacity > 0)   -- batches a day
);

create table production.abattoir_distances (
    abattoir_code text not null references production.abattoirs (code),
    site_code     text not null references production.sites (code),
    km            numeric(7, 1) not null,
    primary key (abattoir_code, site_code)
);

create table production.model_runs (
    id          bigserial primary key,
    kind        text not null,
    status      text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    version     text not null,
    parameters  jsonb not null default '{}',
    metrics     jsonb not null default '{}',
    inputs      jsonb not null default '{}',
    error       text,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    duration_ms bigint
);

create table production.regressions (
    run_id       bigint not null references production.model_runs (id),
    site_code    text not null,
    strain_code  text not null,
    target       text not null,
    formula      text not null,
    coefficients jsonb not null,
    r2           double precision,
    mae          double precision,
    train_rows   integer,
    test_rows    integer,
    primary key (run_id, site_code, strain_code, target)
);

create table production.farmer_clusters (
    run_id    bigint not null references production.model_runs (id),
    farmer_id integer not null references production.farmers (id),
    cluster   integer not null,
    features  jsonb not null,
    primary key (run_id, farmer_id)
);

create table production.batch_anomalies (
    run_id        bigint not null references production.model_runs (id),
    batch_id      bigint not null references production.batches (id) on delete cascade,
    score         double precision not null,
    anomalous     boolean not null,
    contributions jsonb not null,
    primary key (run_id, batch_id)
);

-- The results the REST layer reads: those of the last successful run of each kind.
create view production.current_runs as
select distinct on (kind) kind, id from production.model_runs where status = 'SUCCEEDED' order by kind, id desc;

create materialized view production.site_performance as
select b.site_code,
       date_trunc('month', o.slaughter_date)::date as month,
       count(*)                                     as batches,
       sum(o.ducks_slaughtered)                     as ducks,
       sum(o.liver_kg)                              as liver_kg,
       round(avg(o.itm), 3)                         as avg_itm,
       round(avg(o.liver_sigma_g), 1)               as avg_sigma_g,
       round(100.0 * (sum(b.ducks) - sum(o.ducks_slaughtered)) / nullif(sum(b.ducks), 0), 2) as mortality_pct
  from production.batches b
  join production.outcomes o on o.batch_id = b.id
 group by b.site_code, date_trunc('month', o.slaughter_date);
create unique index site_performance_key on production.site_performance (site_code, month);

create function production.refresh_site_performance() returns void language sql as
$$ refresh materialized view concurrently production.site_performance $$;

-- Production forecasts per site: total liver kg over the next 7, 30 and 90 days, with an 80 % interval.
create table production.forecasts (
    run_id       bigint not null references production.model_runs (id),
    site_code    text not null,
    horizon_days integer not null,
    from_date    date not null,
    forecast_kg  double precision not null check (forecast_kg >= 0),
    lower_kg     double precision not null check (lower_kg >= 0),
    upper_kg     double precision not null,
    backtest_mape double precision,
    primary key (run_id, site_code, horizon_days)
);

-- Abattoir plans (processes/abattoir-planning.bpmn): each computation is a plan; the approved one is published.
create table production.plans (
    id                  uuid primary key,
    window_from         date not null,
    window_to           date not null,
    status              text not null check (status in ('PROPOSED', 'REPLANNED', 'APPROVED', 'PUBLISHED')),
    total_cost          double precision not null,
    breakdown           jsonb not null,
    unplaced            jsonb not null default '[]',
    pins                jsonb not null default '[]',
    process_instance_id text,
    decided_by          text,
    created_at          timestamptz not null default now()
);

create table production.plan_assignments (
    plan_id        uuid not null references production.plans (id) on delete cascade,
    batch_id       bigint not null references production.batches (id),
    abattoir_code  text not null references production.abattoirs (code),
    slaughter_date date not null,
    cost           double precision not null,
    transport_km   double precision not null,
    days_late      integer not null,
    pinned         boolean not null default false,
    primary key (plan_id, batch_id)
);
create index plan_assignments_date_idx on production.plan_assignments (slaughter_date);
