// The account's sender identities: address, send rate and national language option.
import type { NumberView } from '../../api/admin-views.js';
import type { NationalLanguage } from '../../db/schema.js';
import { submitCapability } from '../../providers/capabilities.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { isUniqueViolation } from '../retry-on-conflict.js';
import { audit } from './audit.js';
import { notFound, invalid } from './refusals.js';
import { normaliseSenderAddress } from './sender-address.js';

interface NumberRow {
  id: string;
  address: string;
  send_rate_per_second: number;
  national_language: NationalLanguage | null;
  label: string | null;
}

const view = (r: NumberRow): NumberView => ({ id: r.id, address: r.address, sendRatePerSecond: Number(r.send_rate_per_second), nationalLanguage: r.national_language, label: r.label });
const COLUMNS = ['id', 'address', 'send_rate_per_second', 'national_language', 'label'] as const;

export async function listNumbers(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<NumberView[]> {
  const rows = await deps.db.selectFrom('sms_numbers').select(COLUMNS).where('account_id', '=', actor.accountId).orderBy('address').execute();
  return rows.map(view);
}

export interface NumberInput {
  readonly address?: string | undefined;
  readonly sendRatePerSecond?: number | undefined;
  readonly nationalLanguage?: NationalLanguage | null | undefined;
  readonly label?: string | null | undefined;
}

/**
 * A national table is billed as the number's texts will be sent: it is refused unless the
 * account's provider can signal it. The account row is locked so a provider change cannot
 * slip between this check and the write (putProvider locks it too).
 */
async function checkNationalLanguage(trx: Db, accountId: string, language: NationalLanguage | null): Promise<void> {
  if (language === null) return;
  const account = await trx.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', accountId).forUpdate().executeTakeFirst();
  if (!account) throw notFound('account');
  const capability = submitCapability(account.provider_type, account.provider_config);
  if (!capability.nationalLanguages.includes(language)) {
    throw invalid('nationalLanguage', 'NOT_SUPPORTED_BY_PROVIDER', { nationalLanguage: language, providerType: account.provider_type, supported: [...capability.nationalLanguages] });
  }
}

function duplicateAddress(e: unknown): never {
  if (isUniqueViolation(e)) throw invalid('address', 'ALREADY_EXISTS');
  throw e;
}

export async function createNumber(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: NumberInput & { address: string }): Promise<NumberView> {
  const row: NumberRow = {
    id: `num_${deps.ids.next()}`,
    address: normaliseSenderAddress(input.address),
    send_rate_per_second: input.sendRatePerSecond ?? 10,
    national_language: input.nationalLanguage ?? null,
    label: input.label ?? null,
  };
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await checkNationalLanguage(trx, actor.accountId, row.national_language);
      await trx.insertInto('sms_numbers').values({ ...row, account_id: actor.accountId }).execute();
      await audit(trx, actor, { what: 'number.created', targetId: row.id, after: view(row) });
    })
    .catch(duplicateAddress);
  deps.wake();
  return view(row);
}

export async function updateNumber(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: NumberInput): Promise<NumberView> {
  const after = await deps.db
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('sms_numbers').select(COLUMNS).where('id', '=', id).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
      if (!before) throw notFound('id');
      const next: NumberRow = {
        id,
        address: input.address === undefined ? before.address : normaliseSenderAddress(input.address),
        send_rate_per_second: input.sendRatePerSecond ?? before.send_rate_per_second,
        national_language: input.nationalLanguage === undefined ? before.national_language : input.nationalLanguage,
        label: input.label === undefined ? before.label : input.label,
      };
      if (next.national_language !== before.national_language) await checkNationalLanguage(trx, actor.accountId, next.national_language);
      await trx
        .updateTable('sms_numbers')
        .set({ address: next.address, send_rate_per_second: next.send_rate_per_second, national_language: next.national_language, label: next.label })
        .where('id', '=', id)
        .execute();
      await audit(trx, actor, { what: 'number.updated', targetId: id, before: view(before), after: view(next) });
      return next;
    })
    .catch(duplicateAddress);
  deps.wake();
  return view(after);
}
