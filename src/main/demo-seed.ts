// The first-run demo: one account with an administrator and two agents whose permissions
// differ, queues, numbers, templates, credits and the simulator provider with auto-replies.
// Seeding is skipped when any account exists, so a second start keeps the data.
import { addCredits } from '../db/credits.js';
import type { SmsdeskDatabase } from '../db/open-database.js';
import type { Db } from '../app/context.js';
import { hashPassword, verifyPassword } from '../platform/password.js';

export const DEMO_ACCOUNT_ID = 'demo';

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: string;
  readonly what: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'alice@demo.smsdesk.test', password: 'demo-alice', role: 'agent', what: 'Direct and Smart' },
  { email: 'bob@demo.smsdesk.test', password: 'demo-bob', role: 'agent', what: 'Smart only' },
  { email: 'admin@demo.smsdesk.test', password: 'demo-admin', role: 'admin', what: 'administrator' },
];

/**
 * The demo logins whose password is still the one printed here: a password an administrator
 * changed must not be announced at every start (nor one whose agent was disabled or removed).
 */
export async function demoLoginsStillDefault(db: Db): Promise<DemoLogin[]> {
  const rows = await db
    .selectFrom('agents')
    .select(['email', 'password_hash'])
    .where('account_id', '=', DEMO_ACCOUNT_ID)
    .where('disabled', '=', false)
    .where('email', 'in', DEMO_LOGINS.map((l) => l.email))
    .execute();
  const hashOf = (email: string) => rows.find((r) => r.email === email)?.password_hash ?? null;
  const still = await Promise.all(DEMO_LOGINS.map(async (l) => hashOf(l.email) !== null && verifyPassword(l.password, hashOf(l.email))));
  return DEMO_LOGINS.filter((_, i) => still[i]);
}

export async function seedDemo(database: SmsdeskDatabase): Promise<{ seeded: boolean }> {
  const { db } = database;
  const any = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  if (any) return { seeded: false };
  const [alicePw, bobPw, adminPw] = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password)));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('accounts')
      .values({
        id: DEMO_ACCOUNT_ID,
        name: 'Demo Contact Center',
        provider_type: 'simulator',
        provider_config: JSON.stringify({
          latencyMs: 300,
          deliveryDelayMs: 1500,
          failedRate: 0.05,
          autoReply: { text: 'Thanks, got it! (automatic reply from the simulator)', delayMs: 3000 },
        }),
      })
      .execute();
    await trx
      .insertInto('sms_numbers')
      .values([
        { id: 'num-support', account_id: DEMO_ACCOUNT_ID, address: '+33757000001', send_rate_per_second: 10 },
        { id: 'num-sales', account_id: DEMO_ACCOUNT_ID, address: '+33757000002', send_rate_per_second: 10 },
        { id: 'num-notify', account_id: DEMO_ACCOUNT_ID, address: 'SMSDESK', send_rate_per_second: 30 },
        { id: 'num-istanbul', account_id: DEMO_ACCOUNT_ID, address: '+905320000001', national_language: 'turkish', send_rate_per_second: 5 },
      ])
      .execute();
    await trx
      .insertInto('templates')
      .values([
        { id: 'tpl-appointment', account_id: DEMO_ACCOUNT_ID, name: 'Appointment reminder', body: 'Hello $firstname, this is a reminder of your appointment on $date at $time. Reply STOP to opt out.' },
        { id: 'tpl-callback', account_id: DEMO_ACCOUNT_ID, name: 'Missed call', body: 'Hello $firstname, we tried to reach you about ticket $ticket. Reply to this message and we will get back to you.' },
        { id: 'tpl-order', account_id: DEMO_ACCOUNT_ID, name: 'Order ready', body: 'Your order $order is ready for pickup.' },
      ])
      .execute();
    await trx
      .insertInto('profiles')
      .values([
        { id: 'prof-full', account_id: DEMO_ACCOUNT_ID, name: 'Full messaging', messaging: true, direct: true, smart: true, max_interactions: 4, authorized_countries: ['FR', 'BE', 'CH', 'GB', 'ES', 'DE', 'US', 'CA', 'TR'] },
        { id: 'prof-smart', account_id: DEMO_ACCOUNT_ID, name: 'Conversations only', messaging: true, direct: false, smart: true, max_interactions: 3, authorized_countries: ['FR', 'BE'] },
        { id: 'prof-admin', account_id: DEMO_ACCOUNT_ID, name: 'Administration', messaging: true, direct: true, smart: true, max_interactions: 5, authorized_countries: ['FR'] },
      ])
      .execute();
    await trx
      .insertInto('profile_numbers')
      .values([
        { profile_id: 'prof-full', number_id: 'num-notify' },
        { profile_id: 'prof-full', number_id: 'num-support' },
        { profile_id: 'prof-full', number_id: 'num-istanbul' },
        { profile_id: 'prof-admin', number_id: 'num-notify' },
      ])
      .execute();
    await trx
      .insertInto('profile_templates')
      .values([
        { profile_id: 'prof-full', template_id: 'tpl-appointment' },
        { profile_id: 'prof-full', template_id: 'tpl-order' },
      ])
      .execute();
    await trx
      .insertInto('agents')
      .values([
        { id: 'agent-alice', account_id: DEMO_ACCOUNT_ID, email: DEMO_LOGINS[0]!.email, name: 'Alice Martin', role: 'agent', profile_id: 'prof-full', password_hash: alicePw! },
        { id: 'agent-bob', account_id: DEMO_ACCOUNT_ID, email: DEMO_LOGINS[1]!.email, name: 'Bob Durand', role: 'agent', profile_id: 'prof-smart', password_hash: bobPw!, lang: 'fr' },
        { id: 'agent-admin', account_id: DEMO_ACCOUNT_ID, email: DEMO_LOGINS[2]!.email, name: 'Ada Admin', role: 'admin', profile_id: 'prof-admin', password_hash: adminPw! },
      ])
      .execute();
    await trx
      .insertInto('queues')
      .values([
        { id: 'queue-support', account_id: DEMO_ACCOUNT_ID, name: 'Customer support', sms_number_id: 'num-support' },
        { id: 'queue-sales', account_id: DEMO_ACCOUNT_ID, name: 'Sales', sms_number_id: 'num-sales' },
        { id: 'queue-new', account_id: DEMO_ACCOUNT_ID, name: 'New queue (no number yet)', sms_number_id: null },
      ])
      .execute();
    await trx
      .insertInto('queue_templates')
      .values([
        { queue_id: 'queue-support', template_id: 'tpl-callback' },
        { queue_id: 'queue-support', template_id: 'tpl-appointment' },
        { queue_id: 'queue-sales', template_id: 'tpl-order' },
      ])
      .execute();
    await trx
      .insertInto('queue_members')
      .values([
        { queue_id: 'queue-support', agent_id: 'agent-alice' },
        { queue_id: 'queue-sales', agent_id: 'agent-alice' },
        { queue_id: 'queue-new', agent_id: 'agent-alice' },
        { queue_id: 'queue-support', agent_id: 'agent-bob' },
      ])
      .execute();
    await addCredits(trx, DEMO_ACCOUNT_ID, 500, { reason: 'demo: initial credits', actor: 'seed' });
  });
  return { seeded: true };
}
