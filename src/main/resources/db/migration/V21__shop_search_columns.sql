-- Catalog search reads stored, normalised copies of the searched texts (lower case, unaccented) instead of computing
-- shop.search_text() on every candidate row at every search (the shop-search benchmark: 0.5 s for a 13,000-match
-- query over 100,000 products, mostly unaccent); the trigram and equality indexes move onto those columns.
alter table shop.products
    add column name_search       text generated always as (shop.search_text(name)) stored,
    add column category_search   text generated always as (shop.search_text(category)) stored,
    add column attributes_search text generated always as (shop.search_text(attributes_text)) stored;

drop index shop.products_name_trgm;
drop index shop.products_attributes_trgm;
drop index shop.products_category_search_idx;
create index products_name_search_trgm on shop.products using gin (name_search public.gin_trgm_ops);
create index products_attributes_search_trgm on shop.products using gin (attributes_search public.gin_trgm_ops);
create index products_category_search_idx on shop.products (category_search);

-- Bumped in the transaction of every catalog change: search results are remembered per generation, on every node.
create table shop.catalog_state (
    only_row   boolean primary key default true check (only_row),
    generation bigint not null default 0
);
insert into shop.catalog_state default values;
