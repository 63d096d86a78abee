-- Search matches a word of the name (trigram GIN index), a reference (unique index) or a category. Without an index
-- on the normalised category the OR of the three forces a sequential scan over every product.
create index products_category_search_idx on shop.products (shop.search_text(category));
