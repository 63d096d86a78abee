-- OAuth sign-in: the provider identities linked to a Relais account (one account may have several); whether an
-- account's e-mail was verified (by a provider: only then may another provider's identity with that e-mail join it);
-- the sign-ins in flight (state, PKCE verifier, nonce, what binds them to the browser or app that started them), kept in
-- PostgreSQL so the provider may send the browser back to any node; and the one-time codes an app exchanges for its
-- tokens. Each is used once, and forgotten after relais.security.oauth.state-ttl.
alter table platform.users add column email_verified boolean not null default false;

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
    state          text primary key,
    provider       text not null,
    code_verifier  text not null,
    nonce          text not null,
    redirect_uri   text not null,
    redirect_to    text,
    browser_key    text,            -- SHA-256 of the cookie set on the browser that started it
    app_challenge  text,            -- or the PKCE challenge of the app that started it
    created_at     timestamptz not null default now(),
    check (browser_key is not null or app_challenge is not null)
);

create table platform.oauth_grants (
    code_hash      text primary key,
    provider       text not null,
    user_id        uuid not null references platform.users (id) on delete cascade,
    app_challenge  text not null,
    created_at     timestamptz not null default now()
);
