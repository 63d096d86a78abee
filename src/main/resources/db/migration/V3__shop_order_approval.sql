-- Order approval (processes/order-approval.bpmn): what the process is doing with a pending order, who decided,
-- and back-orders split from an order that shipped what existed.
alter table shop.orders
    add column needs_approval   boolean not null default false,
    add column parent_order_id  uuid references shop.orders (id),
    add column process_state    text,
    add column process_since    timestamptz,
    add column decided_by       text,
    add column decision_comment text;

create index orders_parent_idx on shop.orders (parent_order_id) where parent_order_id is not null;
-- the restock flow looks up the orders still waiting for stock
create index orders_waiting_stock_idx on shop.orders (process_state) where process_state = 'WAITING_FOR_STOCK';

