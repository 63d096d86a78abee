-- The realtime channel's events (GET /api/realtime, a WebSocket), kept so that a client that reconnects gets what it
-- missed since the last event id it saw. Who may receive one: user_id (a notification: that profile only), else
-- resource_id (those who may see that resource), else everyone signed in. Pruned after a week.
create table resources.realtime_events (
    id          bigserial primary key,
    topic       text not null,
    user_id     uuid references resources.profiles (id) on delete cascade,
    resource_id uuid references resources.resources (id) on delete cascade,
    payload     jsonb not null,
    created_at  timestamptz not null default now()
);
create index realtime_events_user_idx on resources.realtime_events (user_id, id) where user_id is not null;
create index realtime_events_created_idx on resources.realtime_events (created_at);
