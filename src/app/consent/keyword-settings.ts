// A number's keyword settings: which families it reads, its own extra keywords, whether it
// answers STOP, START and HELP, and in which language and words.
import type { KeywordSettingsInput } from '../../api/consent-schemas.js';
import { DEFAULT_ANSWERS, DEFAULT_KEYWORDS, languageOfNumber, readKeywordSettings, type KeywordSettings } from '../../domain/consent/index.js';
import { DomainError } from '../../domain/errors.js';
import { audit } from '../admin/audit.js';
import type { Actor, AppDeps } from '../context.js';

export interface KeywordSettingsView {
  readonly smsNumberId: string;
  readonly settings: KeywordSettings;
  /** The language the answers go out in (the setting, or the number's country). */
  readonly language: 'en' | 'fr';
  readonly defaults: { readonly keywords: typeof DEFAULT_KEYWORDS; readonly answers: typeof DEFAULT_ANSWERS };
}

async function numberRow(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string) {
  const row = await deps.db.selectFrom('sms_numbers').select(['id', 'address', 'consent_keywords']).where('account_id', '=', actor.accountId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { field: 'id' });
  return row;
}

export async function keywordSettings(deps: Pick<AppDeps, 'db'>, actor: Actor, smsNumberId: string): Promise<KeywordSettingsView> {
  const row = await numberRow(deps, actor, smsNumberId);
  const settings = readKeywordSettings(row.consent_keywords);
  return { smsNumberId, settings, language: languageOfNumber(row.address, settings), defaults: { keywords: DEFAULT_KEYWORDS, answers: DEFAULT_ANSWERS } };
}

/** Replaces the number's settings; what the body leaves out takes its default. */
export async function setKeywordSettings(deps: Pick<AppDeps, 'db'>, actor: Actor, smsNumberId: string, body: KeywordSettingsInput): Promise<KeywordSettingsView> {
  const before = await numberRow(deps, actor, smsNumberId);
  const settings = readKeywordSettings(body);
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('sms_numbers').set({ consent_keywords: JSON.stringify(settings) }).where('account_id', '=', actor.accountId).where('id', '=', smsNumberId).execute();
    await audit(tx, actor, { what: 'sms-number.keywords-updated', targetId: smsNumberId, before: before.consent_keywords ?? null, after: settings });
  });
  return keywordSettings(deps, actor, smsNumberId);
}
