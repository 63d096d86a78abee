-- Sign-out must hold with Redis away: every revoked access token is kept here until it would have expired, and a
-- refresh-token revocation Redis could not take waits here until Redis answers again (then it is replayed).
create table platform.revocations (
    kind       text not null check (kind in ('access', 'refresh')),
    key        text not null,               -- access: the token id; refresh: the token's SHA-256
    expires_at timestamptz not null,
    replayed   boolean not null default false,
    created_at timestamptz not null default now(),
    primary key (kind, key)
);
create index revocations_pending_idx on platform.revocations (kind) where not replayed;
