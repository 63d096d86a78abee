-- The resource app's query builder (/api/rest/v1/{table}, PostgREST's dialect) runs its statements as the role
-- relais_rest with the caller's claims set for the transaction (request.jwt.claims, as PostgREST and Supabase do).
-- PostgreSQL itself decides which rows that caller reads and writes, with the same rules as the REST API:
-- a resource is visible when public, the caller's own, shared with them (directly or through a group) or the caller
-- is staff; writes are the owner's (or staff's). The application's own role owns the tables and is not bound by
-- these policies (no FORCE), so the REST API and the migration import work as before.

-- who is calling (null: nobody); staff = manager or admin
create function resources.caller_id() returns uuid language sql stable as
$$ select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'profile_id', '')::uuid $$;

create function resources.caller_is_staff() returns boolean language sql stable as
$$ select coalesce((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'staff')::boolean, false) $$;

create function resources.caller_is_admin() returns boolean language sql stable as
$$ select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'roles' ? 'admin', false) $$;

-- The checks that read other tables run as their owner (security definer): a policy on resources that read
-- resource_shares through its own policy would recurse.
create function resources.shared_with_caller(rid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.resource_shares s
                   where s.resource_id = rid
                     and (s.shared_with = resources.caller_id()
                          or s.group_id in (select m.group_id from resources.group_members m where m.user_id = resources.caller_id()))) $$;

create function resources.can_see_resource(rid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.resources r
                   where r.id = rid
                     and (r.visibility = 'public' or r.user_id = resources.caller_id() or resources.caller_is_staff()
                          or resources.shared_with_caller(r.id))) $$;

create function resources.owns_resource(rid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.resources r where r.id = rid and r.user_id = resources.caller_id()) $$;

create function resources.in_group(gid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.groups g where g.id = gid and g.owner_id = resources.caller_id())
       or exists (select 1 from resources.group_members m where m.group_id = gid and m.user_id = resources.caller_id()) $$;

create function resources.owns_group(gid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.groups g where g.id = gid and g.owner_id = resources.caller_id()) $$;

-- a reply stays under its own resource
create function resources.comment_of(parent uuid, rid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select parent is null or exists (select 1 from resources.resource_comments c where c.id = parent and c.resource_id = rid) $$;

create function resources.can_see_collection(cid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.collections c
                   where c.id = cid and (c.is_public or c.user_id = resources.caller_id() or resources.caller_is_staff())) $$;

create function resources.owns_collection(cid uuid) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.collections c where c.id = cid and c.user_id = resources.caller_id()) $$;

-- A row written through the query builder gets an id, and its author is the caller unless it says otherwise.
do $$
declare t text;
begin
    foreach t in array array['profiles', 'groups', 'category_hierarchy', 'resources', 'saved_resources', 'resource_ratings',
                             'resource_shares', 'resource_comments', 'group_members', 'notifications', 'category_tag_suggestions',
                             'suggestion_votes', 'user_roles', 'resource_templates', 'collections', 'collection_resources',
                             'admin_config', 'category_filters', 'resource_versions'] loop
        execute format('alter table resources.%I alter column id set default gen_random_uuid()', t);
        execute format('alter table resources.%I enable row level security', t);
    end loop;
    foreach t in array array['resources', 'saved_resources', 'resource_ratings', 'resource_shares', 'resource_comments',
                             'category_tag_suggestions', 'suggestion_votes', 'resource_templates', 'collections', 'resource_versions'] loop
        execute format('alter table resources.%I alter column user_id set default resources.caller_id()', t);
    end loop;
end
$$;
alter table resources.groups alter column owner_id set default resources.caller_id();

-- profiles: everyone reads (not the e-mail: no column grant below); one changes one's own
create policy profiles_read on resources.profiles for select using (true);
create policy profiles_change on resources.profiles for update
    using (id = resources.caller_id() or resources.caller_is_staff()) with check (id = resources.caller_id() or resources.caller_is_staff());

-- resources
create policy resources_read on resources.resources for select
    using (visibility = 'public' or user_id = resources.caller_id() or resources.caller_is_staff() or resources.shared_with_caller(id));
create policy resources_create on resources.resources for insert with check (user_id = resources.caller_id());
create policy resources_change on resources.resources for update
    using (user_id = resources.caller_id() or resources.caller_is_staff())
    with check (user_id = resources.caller_id() or resources.caller_is_staff());
create policy resources_remove on resources.resources for delete using (user_id = resources.caller_id() or resources.caller_is_staff());

-- what hangs off a resource is seen with it; one writes one's own
create policy saved_own on resources.saved_resources for all
    using (user_id = resources.caller_id()) with check (user_id = resources.caller_id() and resources.can_see_resource(resource_id));

create policy ratings_read on resources.resource_ratings for select using (resources.can_see_resource(resource_id));
create policy ratings_create on resources.resource_ratings for insert
    with check (user_id = resources.caller_id() and resources.can_see_resource(resource_id));
create policy ratings_change on resources.resource_ratings for update using (user_id = resources.caller_id()) with check (user_id = resources.caller_id());
create policy ratings_remove on resources.resource_ratings for delete using (user_id = resources.caller_id() or resources.caller_is_staff());

create policy comments_read on resources.resource_comments for select using (resources.can_see_resource(resource_id));
create policy comments_create on resources.resource_comments for insert
    with check (user_id = resources.caller_id() and resources.can_see_resource(resource_id) and resources.comment_of(parent_id, resource_id));
create policy comments_change on resources.resource_comments for update using (user_id = resources.caller_id()) with check (user_id = resources.caller_id());
create policy comments_remove on resources.resource_comments for delete
    using (user_id = resources.caller_id() or resources.caller_is_staff() or resources.owns_resource(resource_id));

create policy shares_read on resources.resource_shares for select
    using (user_id = resources.caller_id() or shared_with = resources.caller_id() or resources.owns_resource(resource_id)
           or resources.caller_is_staff() or (group_id is not null and resources.in_group(group_id)));
create policy shares_create on resources.resource_shares for insert
    with check (user_id = resources.caller_id() and resources.owns_resource(resource_id));
create policy shares_remove on resources.resource_shares for delete
    using (user_id = resources.caller_id() or resources.owns_resource(resource_id) or resources.caller_is_staff());

create policy versions_read on resources.resource_versions for select using (resources.can_see_resource(resource_id));
create policy versions_create on resources.resource_versions for insert
    with check (user_id = resources.caller_id() and (resources.owns_resource(resource_id) or resources.caller_is_staff()));
create policy versions_remove on resources.resource_versions for delete using (resources.caller_is_staff());

-- groups: seen by their owner and members
create policy groups_read on resources.groups for select using (resources.in_group(id) or resources.caller_is_staff());
create policy groups_create on resources.groups for insert with check (owner_id = resources.caller_id());
create policy groups_change on resources.groups for update
    using (owner_id = resources.caller_id() or resources.caller_is_staff()) with check (owner_id = resources.caller_id() or resources.caller_is_staff());
create policy groups_remove on resources.groups for delete using (owner_id = resources.caller_id() or resources.caller_is_staff());

create policy members_read on resources.group_members for select using (resources.in_group(group_id) or resources.caller_is_staff());
create policy members_add on resources.group_members for insert with check (resources.owns_group(group_id));
create policy members_change on resources.group_members for update using (resources.owns_group(group_id)) with check (resources.owns_group(group_id));
create policy members_remove on resources.group_members for delete using (resources.owns_group(group_id) or user_id = resources.caller_id());

-- one's own notifications; they are written by Relais, not by clients
create policy notifications_own on resources.notifications for select using (user_id = resources.caller_id());
create policy notifications_mark on resources.notifications for update using (user_id = resources.caller_id()) with check (user_id = resources.caller_id());
create policy notifications_remove on resources.notifications for delete using (user_id = resources.caller_id());

-- suggestions: everyone reads; a new one is pending; staff decide
create policy suggestions_read on resources.category_tag_suggestions for select using (true);
create policy suggestions_create on resources.category_tag_suggestions for insert
    with check (user_id = resources.caller_id() and status = 'pending');
create policy suggestions_decide on resources.category_tag_suggestions for update using (resources.caller_is_staff()) with check (resources.caller_is_staff());
create policy suggestions_remove on resources.category_tag_suggestions for delete
    using ((user_id = resources.caller_id() and status = 'pending') or resources.caller_is_staff());

create policy votes_read on resources.suggestion_votes for select using (true);
create policy votes_own on resources.suggestion_votes for insert with check (user_id = resources.caller_id());
create policy votes_change on resources.suggestion_votes for update using (user_id = resources.caller_id()) with check (user_id = resources.caller_id());
create policy votes_remove on resources.suggestion_votes for delete using (user_id = resources.caller_id());

create policy roles_read on resources.user_roles for select using (user_id = resources.caller_id() or resources.caller_is_staff());
create policy roles_grant on resources.user_roles for all using (resources.caller_is_admin()) with check (resources.caller_is_admin());

create policy templates_read on resources.resource_templates for select using (true);
create policy templates_create on resources.resource_templates for insert with check (user_id = resources.caller_id());
create policy templates_change on resources.resource_templates for update
    using (user_id = resources.caller_id() or resources.caller_is_staff()) with check (user_id = resources.caller_id() or resources.caller_is_staff());
create policy templates_remove on resources.resource_templates for delete using (user_id = resources.caller_id() or resources.caller_is_staff());

create policy collections_read on resources.collections for select
    using (is_public or user_id = resources.caller_id() or resources.caller_is_staff());
create policy collections_create on resources.collections for insert with check (user_id = resources.caller_id());
create policy collections_change on resources.collections for update using (user_id = resources.caller_id()) with check (user_id = resources.caller_id());
create policy collections_remove on resources.collections for delete using (user_id = resources.caller_id() or resources.caller_is_staff());

create policy collected_read on resources.collection_resources for select
    using (resources.can_see_collection(collection_id) and resources.can_see_resource(resource_id));
create policy collected_add on resources.collection_resources for insert
    with check (resources.owns_collection(collection_id) and resources.can_see_resource(resource_id));
create policy collected_change on resources.collection_resources for update
    using (resources.owns_collection(collection_id)) with check (resources.owns_collection(collection_id));
create policy collected_remove on resources.collection_resources for delete using (resources.owns_collection(collection_id));

-- the app's reference data: everyone reads the categories, staff write; the settings are staff's, admins change them
create policy categories_read on resources.category_hierarchy for select using (true);
create policy categories_write on resources.category_hierarchy for all using (resources.caller_is_staff()) with check (resources.caller_is_staff());
create policy filters_read on resources.category_filters for select using (true);
create policy filters_write on resources.category_filters for all using (resources.caller_is_staff()) with check (resources.caller_is_staff());
create policy config_read on resources.admin_config for select using (resources.caller_is_staff());
create policy config_write on resources.admin_config for all using (resources.caller_is_admin()) with check (resources.caller_is_admin());

-- The functions the app's client calls with rpc(): only what is in this schema can be called.
create schema resources_rpc;

create function resources_rpc.increment_view_count(resource_id uuid) returns integer language plpgsql security definer
    set search_path = pg_catalog, pg_temp as
$$
declare n integer;
begin
    if not resources.can_see_resource(resource_id) then
        raise exception 'no resource %', resource_id using errcode = 'P0002';
    end if;
    update resources.resources r set view_count = r.view_count + 1 where r.id = resource_id returning r.view_count into n;
    return n;
end
$$;

create function resources_rpc.get_resource_stats(resource_id uuid) returns json language plpgsql stable
    set search_path = pg_catalog, pg_temp as
$$
begin
    if not resources.can_see_resource(resource_id) then
        raise exception 'no resource %', resource_id using errcode = 'P0002';
    end if;
    return (select json_build_object(
                'views', r.view_count, 'downloads', r.download_count,
                'ratings', (select count(*) from resources.resource_ratings x where x.resource_id = r.id),
                'average_rating', (select round(avg(x.rating), 2) from resources.resource_ratings x where x.resource_id = r.id),
                'comments', (select count(*) from resources.resource_comments c where c.resource_id = r.id))
            from resources.resources r where r.id = get_resource_stats.resource_id);
end
$$;

-- what the caller may see of a profile's work (row rules apply: it runs as the caller)
create function resources_rpc.get_user_stats(user_id uuid) returns json language sql stable
    set search_path = pg_catalog, pg_temp as
$$ select json_build_object(
       'resources', (select count(*) from resources.resources r where r.user_id = get_user_stats.user_id),
       'views', (select coalesce(sum(r.view_count), 0) from resources.resources r where r.user_id = get_user_stats.user_id),
       'comments', (select count(*) from resources.resource_comments c where c.user_id = get_user_stats.user_id)) $$;

create function resources_rpc.search_resources(query text, max_results integer default 20)
    returns setof resources.resources language sql stable set search_path = pg_catalog, pg_temp as
$$ select r.* from resources.resources r
    where r.title ilike '%' || query || '%' or r.description ilike '%' || query || '%' or query = any (r.tags)
    order by r.view_count desc, r.created_at desc
    limit least(greatest(max_results, 1), 100) $$;

create function resources_rpc.get_popular_resources(max_results integer default 10)
    returns setof resources.resources language sql stable set search_path = pg_catalog, pg_temp as
$$ select r.* from resources.resources r order by r.view_count desc, r.created_at desc limit least(greatest(max_results, 1), 100) $$;

create function resources_rpc.has_role(role text) returns boolean language sql stable security definer
    set search_path = pg_catalog, pg_temp as
$$ select exists (select 1 from resources.user_roles u where u.user_id = resources.caller_id() and u.role::text = has_role.role)
       or (role = 'admin' and resources.caller_is_admin()) $$;

-- The role the query builder runs as: no login, no way around the policies, only these grants.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'relais_rest') then
        create role relais_rest nologin nobypassrls;
    end if;
    execute format('grant relais_rest to %I', current_user);
exception when insufficient_privilege then
    raise notice 'relais_rest not created (no CREATEROLE): the query builder answers 503 until an administrator creates it';
end
$$;

do $$
declare t text;
begin
    if not exists (select 1 from pg_roles where rolname = 'relais_rest') then
        return;
    end if;
    grant usage on schema resources, resources_rpc to relais_rest;
    grant execute on all functions in schema resources_rpc to relais_rest;
    -- Reading: every column but a profile's e-mail. Writing: only the columns a client may set (no counters, no
    -- timestamps, no moving a row to another resource or owner after the fact); the policies above decide the rows.
    foreach t in array array['groups', 'category_hierarchy', 'resources', 'saved_resources', 'resource_ratings',
                             'resource_shares', 'resource_comments', 'group_members', 'notifications', 'category_tag_suggestions',
                             'suggestion_votes', 'user_roles', 'resource_templates', 'collections', 'collection_resources',
                             'admin_config', 'category_filters', 'resource_versions'] loop
        execute format('grant select, delete on resources.%I to relais_rest', t);
    end loop;
    grant select (id, username, display_name, avatar_url, bio, created_at, updated_at) on resources.profiles to relais_rest;
    grant update (display_name, avatar_url, bio) on resources.profiles to relais_rest;
    grant insert (id, user_id, title, description, url, type, category, tags, visibility) on resources.resources to relais_rest;
    grant update (title, description, url, type, category, tags, visibility) on resources.resources to relais_rest;
    grant insert (id, user_id, resource_id) on resources.saved_resources to relais_rest;
    grant insert (id, user_id, resource_id, rating) on resources.resource_ratings to relais_rest;
    grant update (rating) on resources.resource_ratings to relais_rest;
    grant insert (id, user_id, resource_id, shared_with, group_id) on resources.resource_shares to relais_rest;
    grant insert (id, user_id, resource_id, parent_id, content) on resources.resource_comments to relais_rest;
    grant update (content) on resources.resource_comments to relais_rest;
    grant insert (id, user_id, resource_id, version, title, description) on resources.resource_versions to relais_rest;
    grant insert (id, owner_id, name, description) on resources.groups to relais_rest;
    grant update (name, description) on resources.groups to relais_rest;
    grant insert (id, group_id, user_id, role) on resources.group_members to relais_rest;
    grant update (role) on resources.group_members to relais_rest;
    grant update (read) on resources.notifications to relais_rest;
    grant insert (id, user_id, kind, name) on resources.category_tag_suggestions to relais_rest;
    grant update (status) on resources.category_tag_suggestions to relais_rest;
    grant insert (id, user_id, suggestion_id, vote) on resources.suggestion_votes to relais_rest;
    grant update (vote) on resources.suggestion_votes to relais_rest;
    grant insert (id, user_id, role) on resources.user_roles to relais_rest;
    grant insert (id, user_id, name, description, fields) on resources.resource_templates to relais_rest;
    grant update (name, description, fields) on resources.resource_templates to relais_rest;
    grant insert (id, user_id, name, description, is_public) on resources.collections to relais_rest;
    grant update (name, description, is_public) on resources.collections to relais_rest;
    grant insert (id, collection_id, resource_id, position) on resources.collection_resources to relais_rest;
    grant update (position) on resources.collection_resources to relais_rest;
    grant insert (id, key, value) on resources.admin_config to relais_rest;
    grant update (value) on resources.admin_config to relais_rest;
    grant insert (id, name, parent_id, position) on resources.category_hierarchy to relais_rest;
    grant update (name, parent_id, position) on resources.category_hierarchy to relais_rest;
    grant insert (id, category_id, name, "values") on resources.category_filters to relais_rest;
    grant update (name, "values") on resources.category_filters to relais_rest;
end
$$;
