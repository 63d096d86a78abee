-- Review sentiment: every review says positive, neutral or negative with a score, and where that came from (its
-- label, its rating, or the model trained on the shop's own labelled and rated reviews).
alter table retail.review_facts add column review_date date;
alter table retail.review_facts add column sentiment text check (sentiment in ('positive', 'neutral', 'negative'));
alter table retail.review_facts add column sentiment_score double precision;
alter table retail.review_facts add column sentiment_source text check (sentiment_source in ('label', 'rating', 'model'));

-- Each training is a run: on what, how well on a held-back fifth, and the model it produced (the newest serves).
create table retail.sentiment_runs (
    id           bigserial primary key,
    trigger      text not null,
    status       text not null check (status in ('RUNNING', 'SUCCEEDED', 'SKIPPED', 'FAILED')),
    examples     integer,
    held_out     integer,
    accuracy     double precision,
    metrics      jsonb not null default '{}',
    model        jsonb,
    error        text,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz
);
