-- OAuth sign-in: the provider identities linked to a Relais account (one account may have several), and the sign-ins
-- in flight (state, PKCE verifier, nonce): kept in PostgreSQL so the provider may send the browser back to any node;
-- each is used once, and forgotten after relais.security.oauth.state-ttl.
create table platform.user_identities (
    provider   text not null,
    subject    text not null,
    user_id    uuid not null references platform.users (id) on delete cascade,
    email      text,
    created_at timestamptz not null default now(),
    last_used  timestamptz not null default now(),
    primary key (provider, subject)
);
create index user_identities_user_idx on platform.user_identities (user_id);

create table platform.oauth_states (
    state         text primary key,
    provider      text not null,
    code_verifier text not null,
    nonce         text not null,
    redirect_uri  text not null,
    redirect_to   text,
    created_at    timestamptz not null default now()
);
