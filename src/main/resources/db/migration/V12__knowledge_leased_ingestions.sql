-- Cancel is a state every node reads; an ingestion whose node died is taken up again once, then ABANDONED.
alter table knowledge.ingestions drop constraint ingestions_status_check;
alter table knowledge.ingestions add constraint ingestions_status_check
    check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'ABANDONED'));
alter table knowledge.ingestions add column cancel_requested boolean not null default false;
alter table knowledge.ingestions add column attempts integer not null default 0;
