-- Nodes and leases: how a cluster knows who is alive and who owns which long job.
-- Every running Relais process is a row in platform.nodes and touches heartbeat_at every few seconds; a node whose
-- heartbeat is older than relais.cluster.node-timeout is dead (killed, frozen, cut off). A long job (ETL run,
-- ingestion, retraining, backup) holds a lease naming its node; a live node takes over the leases of dead ones.

create table platform.nodes (
    id           text primary key,
    host         text not null,
    pid          bigint not null,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    stopped_at   timestamptz
);

create table platform.job_leases (
    kind     text not null,            -- retail-etl, knowledge-ingestion, production-retraining, platform-backup
    job_id   text not null,
    node_id  text not null,
    attempt  integer not null default 1,
    input    jsonb not null default '{}', -- what a live node needs to take the job up again
    taken_at timestamptz not null default now(),
    primary key (kind, job_id)
);
create index job_leases_node_idx on platform.job_leases (node_id);

-- Idempotent repository entries are in flight (owned by a node) until confirmed; a dead node's entries expire.
alter table platform.processed_messages add column node_id text;
alter table platform.processed_messages add column confirmed boolean not null default true;
alter table platform.processed_messages add column attempts integer not null default 1;

alter table platform.backups drop constraint backups_status_check;
alter table platform.backups add constraint backups_status_check
    check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'PURGED', 'ABANDONED'));
