-- Who started a model run: the signed-in user of POST /api/production/models/retrain, or "schedule".
alter table production.model_runs add column started_by text;
