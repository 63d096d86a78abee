-- Operations: the backup catalog, operational alerts, and the audit log of admin actions.
create table platform.backups (
    id          bigserial primary key,
    trigger     text not null,                 -- schedule or the admin who asked
    status      text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'PURGED')),
    file        text,
    size_bytes  bigint,
    sha256      text,
    duration_ms bigint,
    error       text,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    purged_at   timestamptz
);

create table platform.ops_alerts (
    id         bigserial primary key,
    kind       text not null,
    severity   text not null check (severity in ('WARNING', 'CRITICAL')),
    message    text not null,
    raised_at  timestamptz not null default now(),
    cleared_at timestamptz
);
create index ops_alerts_open_idx on platform.ops_alerts (kind) where cleared_at is null;

create table platform.audit_log (
    id      bigserial primary key,
    at      timestamptz not null default now(),
    actor   text,
    action  text not null,
    target  text,
    outcome text,
    details jsonb not null default '{}'
);
create index audit_log_at_idx on platform.audit_log (at desc);
