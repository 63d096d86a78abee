-- What the REST API does besides writing a row, done for the query builder's writes too (they run as relais_rest and
-- never pass through the REST services): a changed resource keeps its previous title and description as a version and
-- is announced on the realtime channel, a deleted one too, and a comment tells the resource's owner. Events and
-- notifications are published exactly as the services publish them: a row of platform.outbox in the same transaction,
-- delivered to Redis by the outbox drainer once it committed.

-- An event on the realtime channel (resources.realtime_events + the outbox row that publishes it). RealtimeEvents calls
-- it too: the one place an event is written.
create function resources.raise_realtime(topic text, profile uuid, resource uuid, is_open boolean, payload jsonb) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as
$$
declare e resources.realtime_events;
begin
    insert into resources.realtime_events (topic, user_id, resource_id, payload) values (topic, profile, resource, payload) returning * into e;
    insert into platform.outbox (destination, payload) values ('direct:platform-redis-publish', jsonb_build_object(
        'channel', 'relais:resources:realtime',
        'message', jsonb_build_object('id', e.id, 'topic', e.topic, 'userId', e.user_id, 'resourceId', e.resource_id, 'open', is_open,
                                      'at', to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                      'payload', e.payload)::text));
end
$$;

-- A notification: stored, pushed to the server-sent events stream and the realtime channel. Notifications.notify calls
-- it too: the one place a notification is written.
create function resources.notify_profile(profile uuid, kind text, title text, message text) returns uuid
    language plpgsql security definer set search_path = pg_catalog, pg_temp as
$$
declare nid uuid := gen_random_uuid();
begin
    insert into resources.notifications (id, user_id, type, title, message) values (nid, profile, kind, title, message);
    insert into platform.outbox (destination, payload) values ('direct:platform-redis-publish', jsonb_build_object(
        'channel', 'relais:resources:notifications',
        'message', jsonb_build_object('username', (select p.username from resources.profiles p where p.id = profile), 'id', nid,
                                      'type', kind, 'title', title, 'message', coalesce(message, ''))::text));
    perform resources.raise_realtime('notification', profile, null, true,
        jsonb_build_object('id', nid, 'type', kind, 'title', title, 'message', coalesce(message, '')));
    return nid;
end
$$;

-- a version of a resource's previous title and description, by the caller
create function resources.keep_version(resource uuid, title text, description text) returns void
    language sql security definer set search_path = pg_catalog, pg_temp as
$$ insert into resources.resource_versions (id, resource_id, version, title, description, user_id)
   select gen_random_uuid(), keep_version.resource, coalesce(max(v.version), 0) + 1, keep_version.title, keep_version.description,
          resources.caller_id()
     from resources.resource_versions v where v.resource_id = keep_version.resource $$;

-- The triggers act for the query builder's role only: the REST services do the same themselves.
create function resources.after_resource_written() returns trigger language plpgsql as
$$
begin
    if current_user <> 'relais_rest' then
        return null;
    end if;
    if tg_op = 'UPDATE' then
        if new.title is distinct from old.title or new.description is distinct from old.description then
            perform resources.keep_version(old.id, old.title, old.description);
        end if;
        perform resources.raise_realtime('resource', null, new.id, new.visibility = 'public', jsonb_build_object(
            'action', 'updated', 'id', new.id, 'title', new.title, 'updatedAt', new.updated_at));
    elsif old.visibility = 'public' then
        perform resources.raise_realtime('resource', null, null, true, jsonb_build_object('action', 'deleted', 'id', old.id));
    else
        perform resources.raise_realtime('resource', old.user_id, null, true, jsonb_build_object('action', 'deleted', 'id', old.id));
    end if;
    return null;
end
$$;

create trigger resources_written_by_query_builder after update or delete on resources.resources
    for each row execute function resources.after_resource_written();

create function resources.after_comment_written() returns trigger language plpgsql as
$$
declare owner uuid;
declare resource_title text;
declare author text;
begin
    if current_user <> 'relais_rest' then
        return null;
    end if;
    select r.user_id, r.title into owner, resource_title from resources.resources r where r.id = new.resource_id;
    if owner is distinct from new.user_id then
        select p.username into author from resources.profiles p where p.id = new.user_id;
        perform resources.notify_profile(owner, 'comment', author || ' commented on ' || resource_title, new.content);
    end if;
    return null;
end
$$;

create trigger comments_written_by_query_builder after insert on resources.resource_comments
    for each row execute function resources.after_comment_written();

-- only the triggers (running as relais_rest) call the helpers
revoke execute on function resources.raise_realtime(text, uuid, uuid, boolean, jsonb) from public;
revoke execute on function resources.notify_profile(uuid, text, text, text) from public;
revoke execute on function resources.keep_version(uuid, text, text) from public;
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'relais_rest') then
        grant execute on function resources.raise_realtime(text, uuid, uuid, boolean, jsonb) to relais_rest;
        grant execute on function resources.notify_profile(uuid, text, text, text) to relais_rest;
        grant execute on function resources.keep_version(uuid, text, text) to relais_rest;
    end if;
end
$$;
