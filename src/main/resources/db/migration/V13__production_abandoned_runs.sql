-- A retraining whose node died is ABANDONED with the reason (and run again once by a live node).
alter table production.model_runs drop constraint model_runs_status_check;
alter table production.model_runs add constraint model_runs_status_check
    check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED'));
