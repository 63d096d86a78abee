-- Knowledge: sites crawled per user, their pages and chunks (with embeddings), and the ingestion jobs.
create schema if not exists knowledge;

-- One crawled site per user and start URL: re-ingesting it updates it (changed pages re-embedded, vanished removed).
create table knowledge.sources (
    id         uuid primary key,
    owner      text not null,
    start_url  text not null,
    domain     text not null,
    created_at timestamptz not null default now(),
    unique (owner, start_url)
);

create table knowledge.ingestions (
    id            uuid primary key,
    source_id     uuid not null references knowledge.sources (id) on delete cascade,
    owner         text not null,
    status        text not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    settings      jsonb not null,
    pages_fetched integer not null default 0,
    pages_skipped integer not null default 0,
    pages_failed  integer not null default 0,
    pages_changed integer not null default 0,
    pages_removed integer not null default 0,
    chunks        integer not null default 0,
    queued        integer not null default 0,
    skipped       jsonb not null default '[]',
    error         text,
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
create index ingestions_owner_idx on knowledge.ingestions (owner, created_at desc);

create table knowledge.pages (
    source_id    uuid not null references knowledge.sources (id) on delete cascade,
    url          text not null,
    title        text,
    content_hash text not null,
    fetched_at   timestamptz not null default now(),
    primary key (source_id, url)
);

-- Chunk ids are deterministic (source, page, position): a page that did not change keeps its chunks and vectors.
create table knowledge.chunks (
    id           text primary key,
    source_id    uuid not null references knowledge.sources (id) on delete cascade,
    url          text not null,
    title        text,
    heading      text,
    position     integer not null,
    text         text not null,
    embedding    real[] not null,
    search       tsvector generated always as (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(heading, '') || ' ' || text)) stored
);
create index chunks_source_idx on knowledge.chunks (source_id, url);
create index chunks_search_idx on knowledge.chunks using gin (search);

-- With pgvector (the docker-compose image has it) the vectors are also stored as vector(384) under an HNSW index and
-- searched by PostgreSQL; without it the application keeps an exact in-memory index rebuilt from embedding at start.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'vector') then
        create extension if not exists vector;
        alter table knowledge.chunks add column embedding_v vector(384);
        create index chunks_embedding_hnsw on knowledge.chunks using hnsw (embedding_v vector_cosine_ops);
    end if;
end
$$;
