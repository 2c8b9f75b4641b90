// Message templates: their `$variables`, what they cost in credits before filling, and which
// queues and profiles offer them.
import type { TemplateView } from '../../api/admin-views.js';
import type { MessageCategory } from '../../domain/compliance/index.js';
import { analyzeSms } from '../../domain/sms/index.js';
import { templateVariables } from '../../domain/templates/index.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { audit } from './audit.js';
import { invalid, notFound } from './refusals.js';

type Usage = TemplateView['usedBy'];

function view(t: { id: string; name: string; body: string; category: MessageCategory }, usedBy: Usage): TemplateView {
  const a = analyzeSms(t.body);
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    category: t.category,
    variables: templateVariables(t.body),
    analysis: { encoding: a.encoding, characters: a.characters, units: a.units, segments: a.segments, overLimit: a.overLimit, nonGsm: [...new Set(a.nonGsm.map((c) => c.char))] },
    usedBy,
  };
}

async function usage(db: Db, accountId: string, templateIds: readonly string[]): Promise<Map<string, Usage>> {
  const out = new Map<string, { queues: { id: string; name: string }[]; profiles: { id: string; name: string }[] }>();
  for (const id of templateIds) out.set(id, { queues: [], profiles: [] });
  if (templateIds.length === 0) return out;
  const [queues, profiles] = await Promise.all([
    db.selectFrom('queue_templates').innerJoin('queues', 'queues.id', 'queue_templates.queue_id').select(['queue_templates.template_id', 'queues.id', 'queues.name']).where('queues.account_id', '=', accountId).where('queue_templates.template_id', 'in', [...templateIds]).orderBy('queues.name').execute(),
    db.selectFrom('profile_templates').innerJoin('profiles', 'profiles.id', 'profile_templates.profile_id').select(['profile_templates.template_id', 'profiles.id', 'profiles.name']).where('profiles.account_id', '=', accountId).where('profile_templates.template_id', 'in', [...templateIds]).orderBy('profiles.name').execute(),
  ]);
  for (const q of queues) out.get(q.template_id)?.queues.push({ id: q.id, name: q.name });
  for (const p of profiles) out.get(p.template_id)?.profiles.push({ id: p.id, name: p.name });
  return out;
}

const NO_USE: Usage = { queues: [], profiles: [] };

export async function listTemplates(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<TemplateView[]> {
  const rows = await deps.db.selectFrom('templates').select(['id', 'name', 'body', 'category']).where('account_id', '=', actor.accountId).orderBy('name').orderBy('id').execute();
  const used = await usage(deps.db, actor.accountId, rows.map((r) => r.id));
  return rows.map((r) => view(r, used.get(r.id) ?? NO_USE));
}

export async function getTemplate(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string): Promise<TemplateView> {
  const row = await deps.db.selectFrom('templates').select(['id', 'name', 'body', 'category']).where('id', '=', id).where('account_id', '=', actor.accountId).executeTakeFirst();
  if (!row) throw notFound('id');
  return view(row, (await usage(deps.db, actor.accountId, [id])).get(id) ?? NO_USE);
}

// An empty template is refused at send time ("Invalid template"): refuse to make one.
function checkBody(body: string): string {
  if (body.trim() === '') throw invalid('body', 'EMPTY');
  return body;
}

export async function createTemplate(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: { name: string; body: string; category?: MessageCategory | undefined }): Promise<TemplateView> {
  const row = { id: `tpl_${deps.ids.next()}`, name: input.name, body: checkBody(input.body), category: input.category ?? 'NOTIFICATION' };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('templates').values({ ...row, account_id: actor.accountId }).execute();
    await audit(trx, actor, { what: 'template.created', targetId: row.id, after: row });
  });
  deps.wake();
  return view(row, NO_USE);
}

export async function updateTemplate(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: { name?: string | undefined; body?: string | undefined; category?: MessageCategory | undefined }): Promise<TemplateView> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('templates').select(['id', 'name', 'body', 'category']).where('id', '=', id).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!before) throw notFound('id');
    const after = { id, name: input.name ?? before.name, body: input.body === undefined ? before.body : checkBody(input.body), category: input.category ?? before.category };
    await trx.updateTable('templates').set({ name: after.name, body: after.body, category: after.category }).where('id', '=', id).execute();
    await audit(trx, actor, { what: 'template.updated', targetId: id, before, after });
  });
  deps.wake();
  return getTemplate(deps, actor, id);
}
