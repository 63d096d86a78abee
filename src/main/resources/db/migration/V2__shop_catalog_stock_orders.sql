-- Shop: catalog, stock with an append-only movement ledger, orders (never oversold), idempotency keys,
-- low-stock alerts, reorder rules and purchase proposals.
create schema if not exists shop;
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;

-- unaccent() is only STABLE; an index needs an IMMUTABLE wrapper with the dictionary named.
create function shop.search_text(value text) returns text
    language sql immutable parallel safe
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;

create table shop.products (
    id                    bigserial primary key,
    reference             text not null unique,
    name                  text not null,
    description           text,
    category              text not null default 'divers',
    price                 numeric(12, 2) not null check (price >= 0),
    stock_alert_threshold integer not null default 5 check (stock_alert_threshold >= 0),
    image_url             text,
    image_bytes           bytea,
    image_type            text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now()
);
create index products_name_trgm on shop.products using gin (shop.search_text(name) public.gin_trgm_ops);
create index products_category_idx on shop.products (category);

-- quantity: on hand; reserved: held for orders awaiting approval. Available to order = quantity - reserved.
create table shop.stock (
    product_id bigint primary key references shop.products (id) on delete cascade,
    quantity   integer not null default 0 check (quantity >= 0),
    reserved   integer not null default 0 check (reserved >= 0 and reserved <= quantity),
    updated_at timestamptz not null default now()
);

create table shop.orders (
    id              uuid primary key default gen_random_uuid(),
    customer        text not null,
    customer_type   text not null default 'retail',
    status          text not null check (status in ('CONFIRMED', 'PENDING', 'CANCELLED', 'REJECTED')),
    pending_reason  text,
    total           numeric(14, 2) not null,
    allow_split     boolean not null default false,
    stock_reserved  boolean not null default false,
    created_by      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index orders_customer_idx on shop.orders (customer, created_at desc);
create index orders_status_idx on shop.orders (status) where status = 'PENDING';

create table shop.order_lines (
    order_id   uuid not null references shop.orders (id) on delete cascade,
    line_no    integer not null,
    product_id bigint not null references shop.products (id),
    quantity   integer not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, line_no)
);
create index order_lines_product_idx on shop.order_lines (product_id);

-- Append-only: every change of on-hand or reserved stock, with why and by whom.
-- Invariant: stock.quantity = sum(quantity_delta), stock.reserved = sum(reserved_delta) per product.
create table shop.stock_movements (
    id             bigserial primary key,
    product_id     bigint not null references shop.products (id),
    type           text not null check (type in ('INITIAL', 'RECEIPT', 'SALE', 'RESERVATION', 'RELEASE',
                                                  'RESERVATION_SOLD', 'CANCELLATION', 'ADJUSTMENT')),
    quantity_delta integer not null default 0,
    reserved_delta integer not null default 0,
    reason         text,
    order_id       uuid references shop.orders (id),
    actor          text,
    created_at     timestamptz not null default now()
);
create index stock_movements_product_idx on shop.stock_movements (product_id, created_at);
create function shop.refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'shop.stock_movements is append-only';
end $$;
create trigger stock_movements_append_only before update or delete on shop.stock_movements
    for each row execute function shop.refuse_ledger_change();

-- Idempotency-Key: the same key answers the same order, once.
create table shop.order_requests (
    idempotency_key text not null,
    customer        text not null,
    request_hash    text not null,
    order_id        uuid not null references shop.orders (id),
    created_at      timestamptz not null default now(),
    primary key (customer, idempotency_key)
);

-- Low stock: at most one open alert per product (raised once, cleared by restock).
create table shop.alerts (
    id          bigserial primary key,
    product_id  bigint not null references shop.products (id),
    available   integer not null,
    threshold   integer not null,
    raised_at   timestamptz not null default now(),
    cleared_at  timestamptz
);
create unique index alerts_one_open_per_product on shop.alerts (product_id) where cleared_at is null;

create table shop.reorder_rules (
    product_id     bigint primary key references shop.products (id) on delete cascade,
    min_quantity   integer not null check (min_quantity >= 0),
    max_quantity   integer not null check (max_quantity >= min_quantity),
    pack_multiple  integer not null default 1 check (pack_multiple > 0),
    lead_time_days integer not null default 7 check (lead_time_days >= 0)
);

create table shop.purchase_proposals (
    id            bigserial primary key,
    product_id    bigint not null references shop.products (id),
    quantity      integer not null check (quantity > 0),
    reason        text not null,
    status        text not null default 'PROPOSED' check (status in ('PROPOSED', 'ORDERED', 'RECEIVED', 'DISMISSED')),
    planned_at    timestamptz not null default now()
);
create unique index purchase_proposals_one_open on shop.purchase_proposals (product_id) where status = 'PROPOSED';
