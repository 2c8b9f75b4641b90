// Profiles: messaging rights, the simultaneous-interaction limit, authorized countries, and
// the sender numbers and templates Direct mode offers.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ProfileCreateBody, ProfileUpdateBody } from '../../api/admin-schemas.js';
import type { ProfileView } from '../../api/admin-views.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { eventRow } from '../record.js';
import { audit } from './audit.js';
import { checkCountries } from './countries.js';
import { replaceProfileNumbers, replaceProfileTemplates } from './links.js';
import { checkedWindow, storedWindow } from '../sending-window-facts.js';
import { requireOwned } from './owned.js';
import { notFound } from './refusals.js';

function query(db: Db, accountId: string) {
  return db
    .selectFrom('profiles')
    .select((eb) => [
      'profiles.id',
      'profiles.name',
      'profiles.messaging',
      'profiles.direct',
      'profiles.smart',
      'profiles.max_interactions',
      'profiles.authorized_countries',
      'profiles.sending_window',
      'profiles.undo_seconds',
      jsonArrayFrom(eb.selectFrom('profile_numbers').select('profile_numbers.number_id as id').whereRef('profile_numbers.profile_id', '=', 'profiles.id').orderBy('profile_numbers.number_id')).as('numbers'),
      jsonArrayFrom(eb.selectFrom('profile_templates').select('profile_templates.template_id as id').whereRef('profile_templates.profile_id', '=', 'profiles.id').orderBy('profile_templates.template_id')).as('templates'),
    ])
    .where('profiles.account_id', '=', accountId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

const view = (r: Row): ProfileView => ({
  id: r.id,
  name: r.name,
  permissions: { messaging: r.messaging, direct: r.direct, smart: r.smart },
  maxInteractions: r.max_interactions,
  authorizedCountries: r.authorized_countries,
  numberIds: r.numbers.map((n) => n.id),
  templateIds: r.templates.map((t) => t.id),
  sendingWindow: storedWindow(r.sending_window),
  undoSeconds: r.undo_seconds,
});

export async function listProfiles(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<ProfileView[]> {
  return (await query(deps.db, actor.accountId).orderBy('profiles.name').orderBy('profiles.id').execute()).map(view);
}

export async function getProfile(db: Db, actor: Actor, id: string): Promise<ProfileView> {
  const row = await query(db, actor.accountId).where('profiles.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('id');
  return view(row);
}

async function checkLinks(db: Db, actor: Actor, input: ProfileUpdateBody): Promise<void> {
  await requireOwned(db, 'sms_numbers', actor.accountId, input.numberIds ?? [], 'numberIds');
  await requireOwned(db, 'templates', actor.accountId, input.templateIds ?? [], 'templateIds');
}

export async function createProfile(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: ProfileCreateBody): Promise<ProfileView> {
  const countries = checkCountries(input.authorizedCountries ?? []);
  const window = checkedWindow('sendingWindow', input.sendingWindow ?? null);
  const id = `prof_${deps.ids.next()}`;
  const after = await deps.db.transaction().execute(async (trx) => {
    await checkLinks(trx, actor, input);
    await trx
      .insertInto('profiles')
      .values({
        id,
        account_id: actor.accountId,
        name: input.name,
        messaging: input.permissions?.messaging ?? false,
        direct: input.permissions?.direct ?? false,
        smart: input.permissions?.smart ?? false,
        max_interactions: input.maxInteractions ?? 1,
        authorized_countries: countries,
        sending_window: window,
        undo_seconds: input.undoSeconds ?? 0,
      })
      .execute();
    await replaceProfileNumbers(trx, id, input.numberIds ?? []);
    await replaceProfileTemplates(trx, id, input.templateIds ?? []);
    const created = await getProfile(trx, actor, id);
    await audit(trx, actor, { what: 'profile.created', targetId: id, after: created });
    return created;
  });
  deps.wake();
  return after;
}

export async function updateProfile(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: ProfileUpdateBody): Promise<ProfileView> {
  const countries = input.authorizedCountries === undefined ? undefined : checkCountries(input.authorizedCountries);
  const window = input.sendingWindow === undefined ? undefined : checkedWindow('sendingWindow', input.sendingWindow);
  const after = await deps.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('profiles').select('id').where('id', '=', id).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('id');
    const before = await getProfile(trx, actor, id);
    await checkLinks(trx, actor, input);
    await trx
      .updateTable('profiles')
      .set({
        name: input.name ?? before.name,
        messaging: input.permissions?.messaging ?? before.permissions.messaging,
        direct: input.permissions?.direct ?? before.permissions.direct,
        smart: input.permissions?.smart ?? before.permissions.smart,
        max_interactions: input.maxInteractions ?? before.maxInteractions,
        authorized_countries: countries ?? [...before.authorizedCountries],
        ...(window === undefined ? {} : { sending_window: window }),
        undo_seconds: input.undoSeconds ?? before.undoSeconds,
      })
      .where('id', '=', id)
      .execute();
    if (input.numberIds !== undefined) await replaceProfileNumbers(trx, id, input.numberIds);
    if (input.templateIds !== undefined) await replaceProfileTemplates(trx, id, input.templateIds);
    const updated = await getProfile(trx, actor, id);
    await audit(trx, actor, { what: 'profile.updated', targetId: id, before, after: updated });
    await tellProfileAgents(trx, actor.accountId, id);
    return updated;
  });
  deps.wake();
  return after;
}

/** Each agent of the profile is told, so that an open Banner re-reads its rights at once. */
async function tellProfileAgents(trx: Db, accountId: string, profileId: string): Promise<void> {
  const agents = await trx.selectFrom('agents').select('id').where('account_id', '=', accountId).where('profile_id', '=', profileId).execute();
  if (agents.length === 0) return;
  await trx
    .insertInto('events')
    .values(agents.map((a) => eventRow({ accountId, agentId: a.id, type: 'profile.changed', payload: { profileId } })))
    .execute();
}
