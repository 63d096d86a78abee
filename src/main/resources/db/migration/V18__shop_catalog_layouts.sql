-- Any catalog layout: a product without a price lands unpriced (it cannot be ordered until it has one); the file's
-- columns that map to no field are kept as attributes, shown on the product and found by search.
alter table shop.products alter column price drop not null;
alter table shop.products add column attributes jsonb not null default '{}';
alter table shop.products add column attributes_text text;
create index products_attributes_trgm on shop.products using gin (shop.search_text(attributes_text) public.gin_trgm_ops);

-- Column mappings saved through the API (admin), beside those of the configuration: no restart to add one.
create table shop.column_mappings (
    name       text primary key check (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    mapping    jsonb not null,
    updated_by text,
    updated_at timestamptz not null default now()
);
