-- A run whose node died is ABANDONED with the reason; its input is taken up again once, by a run that says so.
alter table retail.etl_runs drop constraint etl_runs_status_check;
alter table retail.etl_runs add constraint etl_runs_status_check
    check (status in ('RUNNING', 'SUCCEEDED', 'WARNED', 'FAILED', 'SKIPPED', 'ABANDONED'));
alter table retail.etl_runs add column retry_of bigint references retail.etl_runs (id);
