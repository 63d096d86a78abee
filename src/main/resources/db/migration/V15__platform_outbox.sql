-- The transactional outbox: a hand-off written in the same transaction as its cause, delivered after commit by a
-- drainer on any node (at least once; receivers are idempotent), retried with back-off while its receiver fails.
create table platform.outbox (
    id              bigserial primary key,
    destination     text not null,          -- a Camel endpoint, e.g. direct:shop-stock-replenished
    payload         jsonb not null,
    created_at      timestamptz not null default now(),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text
);
create index outbox_due_idx on platform.outbox (next_attempt_at, id);
