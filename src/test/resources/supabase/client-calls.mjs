// The resource app's typical calls through supabase-js (the client its LocalClient imitates), against Relais'
// query builder. Two users: alice owns the resources, mallory is another signed-in user. Prints one JSON report.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws'; // Node 20 has no WebSocket of its own; supabase-js' realtime client wants one (unused here)

const url = process.env.RELAIS_URL; // http://localhost:<port>/api : supabase-js adds rest/v1
const as = (token) => createClient(url, 'relais', {
  accessToken: async () => token, auth: { persistSession: false }, realtime: { transport: WebSocket } });
const alice = as(process.env.ALICE_TOKEN);
const mallory = as(process.env.MALLORY_TOKEN);
const report = {};
const fail = (step, error) => { report.errors = [...(report.errors ?? []), `${step}: ${JSON.stringify(error)}`]; };

const me = await alice.from('profiles').select('id, username').eq('username', process.env.ALICE_NAME).single();
if (me.error) fail('profile', me.error);
report.aliceProfile = me.data?.id;

const secret = await alice.from('resources').insert({ title: 'Private seed bank', visibility: 'private', tags: ['seeds'] }).select().single();
if (secret.error) fail('insert private', secret.error);
const open = await alice.from('resources').insert({ title: 'Public seed swap', description: 'bring seeds', tags: ['seeds'] }).select('id, title').single();
if (open.error) fail('insert public', open.error);
report.secretId = secret.data?.id;
report.openId = open.data?.id;

const comment = await alice.from('resource_comments').insert({ resource_id: open.data.id, content: 'Saturday 10:00' })
  .select('content, author:profiles(username)').single();
if (comment.error) fail('comment', comment.error);
report.commentAuthor = comment.data?.author?.username;

const mine = await alice.from('resources').select('id, title, visibility, resource_comments(content)', { count: 'exact' })
  .eq('user_id', me.data.id).order('title', { ascending: true }).range(0, 9);
if (mine.error) fail('alice list', mine.error);
report.aliceSees = mine.data?.map((r) => r.title);
report.aliceCount = mine.count;
report.aliceComments = mine.data?.find((r) => r.id === open.data.id)?.resource_comments?.length;

const theirs = await mallory.from('resources').select('id, title').eq('user_id', me.data.id);
if (theirs.error) fail('mallory list', theirs.error);
report.mallorySees = theirs.data?.map((r) => r.title);
const peek = await mallory.from('resources').select('*').eq('id', secret.data.id).maybeSingle();
report.malloryPeek = peek.data;
const counted = await mallory.from('resources').select('*', { count: 'exact', head: true }).eq('user_id', me.data.id);
if (counted.error) fail('mallory head count', counted.error);
report.malloryHeadCount = counted.count;
const searched = await mallory.from('resources').select('title').or('title.ilike.%seed%,description.ilike.%seed%').eq('user_id', me.data.id);
report.mallorySearch = searched.data?.map((r) => r.title);

const defaced = await mallory.from('resources').update({ title: 'defaced' }).eq('id', open.data.id).select();
report.malloryUpdated = defaced.data?.length;
const removed = await mallory.from('resources').delete().eq('id', secret.data.id).select();
report.malloryDeleted = removed.data?.length;
const forged = await mallory.from('resources').insert({ title: 'in her name', user_id: me.data.id });
report.malloryForgeStatus = forged.status;

const collection = await alice.from('collections').insert({ name: 'Seeds' }).select().single();
if (collection.error) fail('collection', collection.error);
const added = await alice.from('collection_resources').insert([{ collection_id: collection.data.id, resource_id: secret.data.id, position: 1 }]);
if (added.error) fail('collect', added.error);
const saved = await alice.from('saved_resources').upsert({ resource_id: open.data.id }, { onConflict: 'user_id,resource_id' });
const savedAgain = await alice.from('saved_resources').upsert({ resource_id: open.data.id }, { onConflict: 'user_id,resource_id' });
if (saved.error || savedAgain.error) fail('save', saved.error ?? savedAgain.error);
const savedList = await alice.from('saved_resources').select('resource:resources(title)');
report.aliceSaved = savedList.data?.map((s) => s.resource?.title);

const stats = await alice.rpc('get_resource_stats', { resource_id: open.data.id });
if (stats.error) fail('rpc stats', stats.error);
report.stats = stats.data;
const viewed = await mallory.rpc('increment_view_count', { resource_id: open.data.id });
report.views = viewed.data;
const hidden = await mallory.rpc('increment_view_count', { resource_id: secret.data.id });
report.hiddenViewStatus = hidden.status;

const renamed = await alice.from('resources').update({ title: 'Private seed bank (2027)' }).eq('id', secret.data.id).select('title').single();
report.renamed = renamed.data?.title;
const unsaved = await alice.from('saved_resources').delete().eq('resource_id', open.data.id);
report.unsaveStatus = unsaved.status;

console.log(JSON.stringify(report));
