-- Each change of a source's chunks counts up its index_version in the same transaction. A node whose in-memory indexes
-- hold an older version (another node ran the ingestion) reads that source again before it answers a question on it.
alter table knowledge.sources add column index_version bigint not null default 0;
