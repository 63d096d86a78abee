-- Resources (the resource-sharing app moved from browser localStorage): 19 tables, typed enums, foreign keys, the
-- uniqueness rules of the app (one rating per user and resource, one vote per user and suggestion...), updated_at
-- triggers, and the map of the app's legacy ids to the deterministic UUIDs they became.
create schema if not exists resources;

create type resources.resource_type as enum ('link', 'document', 'video', 'image', 'tool', 'course', 'other');
create type resources.visibility as enum ('public', 'private', 'group');
create type resources.member_role as enum ('owner', 'admin', 'member');
create type resources.suggestion_kind as enum ('category', 'tag');
create type resources.suggestion_status as enum ('pending', 'approved', 'rejected');
create type resources.app_role as enum ('admin', 'moderator', 'user');

create function resources.touch_updated_at() returns trigger language plpgsql as
$$ begin new.updated_at = now(); return new; end $$;

create table resources.profiles (
    id           uuid primary key,
    username     text not null unique,
    display_name text,
    email        text,
    avatar_url   text,
    bio          text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table resources.groups (
    id          uuid primary key,
    name        text not null,
    description text,
    owner_id    uuid not null references resources.profiles (id) on delete cascade,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table resources.category_hierarchy (
    id         uuid primary key,
    name       text not null,
    parent_id  uuid references resources.category_hierarchy (id) on delete cascade,
    position   integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table resources.resources (
    id             uuid primary key,
    user_id        uuid not null references resources.profiles (id) on delete cascade,
    title          text not null,
    description    text,
    url            text,
    type           resources.resource_type not null default 'link',
    category       text,
    tags           text[] not null default '{}',
    visibility     resources.visibility not null default 'public',
    view_count     integer not null default 0 check (view_count >= 0),
    download_count integer not null default 0 check (download_count >= 0),
    forked_from    uuid references resources.resources (id) on delete set null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index resources_user_idx on resources.resources (user_id);
create index resources_category_idx on resources.resources (category);
create index resources_tags_idx on resources.resources using gin (tags);
create index resources_popular_idx on resources.resources (view_count desc);

create table resources.saved_resources (
    id          uuid primary key,
    user_id     uuid not null references resources.profiles (id) on delete cascade,
    resource_id uuid not null references resources.resources (id) on delete cascade,
    created_at  timestamptz not null default now(),
    unique (user_id, resource_id)
);

create table resources.resource_ratings (
    id          uuid primary key,
    user_id     uuid not null references resources.profiles (id) on delete cascade,
    resource_id uuid not null references resources.resources (id) on delete cascade,
    rating      smallint not null check (rating between 1 and 5),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (user_id, resource_id)
);

create table resources.resource_shares (
    id          uuid primary key,
    resource_id uuid not null references resources.resources (id) on delete cascade,
    user_id     uuid not null references resources.profiles (id) on delete cascade,   -- who shared
    shared_with uuid references resources.profiles (id) on delete cascade,
    group_id    uuid references resources.groups (id) on delete cascade,
    created_at  timestamptz not null default now(),
    check (shared_with is not null or group_id is not null)
);

create table resources.resource_comments (
    id          uuid primary key,
    resource_id uuid not null references resources.resources (id) on delete cascade,
    user_id     uuid not null references resources.profiles (id) on delete cascade,
    parent_id   uuid references resources.resource_comments (id) on delete cascade,
    content     text not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index resource_comments_resource_idx on resources.resource_comments (resource_id, created_at);

create table resources.group_members (
    id         uuid primary key,
    group_id   uuid not null references resources.groups (id) on delete cascade,
    user_id    uuid not null references resources.profiles (id) on delete cascade,
    role       resources.member_role not null default 'member',
    created_at timestamptz not null default now(),
    unique (group_id, user_id)
);

create table resources.notifications (
    id         uuid primary key,
    user_id    uuid not null references resources.profiles (id) on delete cascade,
    type       text not null,
    title      text not null,
    message    text,
    read       boolean not null default false,
    created_at timestamptz not null default now()
);
create index notifications_user_idx on resources.notifications (user_id, read, created_at desc);

create table resources.category_tag_suggestions (
    id         uuid primary key,
    user_id    uuid not null references resources.profiles (id) on delete cascade,
    kind       resources.suggestion_kind not null,
    name       text not null,
    status     resources.suggestion_status not null default 'pending',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table resources.suggestion_votes (
    id            uuid primary key,
    suggestion_id uuid not null references resources.category_tag_suggestions (id) on delete cascade,
    user_id       uuid not null references resources.profiles (id) on delete cascade,
    vote          smallint not null check (vote in (-1, 1)),
    created_at    timestamptz not null default now(),
    unique (suggestion_id, user_id)
);

create table resources.user_roles (
    id      uuid primary key,
    user_id uuid not null references resources.profiles (id) on delete cascade,
    role    resources.app_role not null,
    unique (user_id, role)
);

create table resources.resource_templates (
    id          uuid primary key,
    user_id     uuid references resources.profiles (id) on delete set null,
    name        text not null,
    description text,
    fields      jsonb not null default '[]',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table resources.collections (
    id          uuid primary key,
    user_id     uuid not null references resources.profiles (id) on delete cascade,
    name        text not null,
    description text,
    is_public   boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table resources.collection_resources (
    id            uuid primary key,
    collection_id uuid not null references resources.collections (id) on delete cascade,
    resource_id   uuid not null references resources.resources (id) on delete cascade,
    position      integer not null default 0,
    created_at    timestamptz not null default now(),
    unique (collection_id, resource_id)
);

create table resources.admin_config (
    id         uuid primary key,
    key        text not null unique,
    value      jsonb not null,
    updated_at timestamptz not null default now()
);

create table resources.category_filters (
    id          uuid primary key,
    category_id uuid not null references resources.category_hierarchy (id) on delete cascade,
    name        text not null,
    "values"    jsonb not null default '[]',
    created_at  timestamptz not null default now()
);

create table resources.resource_versions (
    id          uuid primary key,
    resource_id uuid not null references resources.resources (id) on delete cascade,
    version     integer not null check (version > 0),
    title       text not null,
    description text,
    user_id     uuid references resources.profiles (id) on delete set null,   -- who changed it
    created_at  timestamptz not null default now(),
    unique (resource_id, version)
);

-- The app's legacy ids and the UUIDs they became (uuid = name-based UUID of "table:legacy id": the same every time).
create table resources.legacy_ids (
    table_name text not null,
    legacy_id  text not null,
    id         uuid not null,
    primary key (table_name, legacy_id)
);

do $$
declare t text;
begin
    foreach t in array array['profiles', 'groups', 'category_hierarchy', 'resources', 'resource_ratings', 'resource_comments',
                             'category_tag_suggestions', 'resource_templates', 'collections'] loop
        execute format('create trigger %I_touch before update on resources.%I for each row execute function resources.touch_updated_at()', t, t);
    end loop;
end
$$;
