-- Daily feeds: a run is a snapshot (the file replaces everything) or an increment (its invoices replace those invoices,
-- new ones are added); cancellations take back units of earlier sales, and the run says how many.
alter table retail.etl_runs add column mode text not null default 'snapshot' check (mode in ('snapshot', 'increment'));
alter table retail.etl_runs add column cancellations jsonb not null default '{}';
-- The sales rows of each variant, kept with its mapping: an increment adds its day to them instead of counting the
-- whole table again.
alter table retail.product_mapping add column sales_rows bigint;
-- No index on sales_facts still: an increment finds the file's invoices and the cancelled sales with one hash join or
-- scan each, cheaper than the indexes would make every COPY.
-- What each cancellation took back, sale by sale: applied once (a day sent again does not take the same units back
-- twice), and taken back again from a sale whose invoice a later file replaces.
create table retail.applied_cancellations (
    invoice      text not null,
    stock_code   text not null,
    customer_id  text not null,
    cancelled_at timestamp not null,
    sale_invoice text not null,
    units        integer not null check (units > 0),
    run_id       bigint not null
);
create index applied_cancellations_invoice_idx on retail.applied_cancellations (invoice);
create index applied_cancellations_sale_idx on retail.applied_cancellations (sale_invoice);
