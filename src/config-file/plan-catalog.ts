// Numbers and templates: rows of their own, referred to by profiles and queues.
import { DEFAULT_KEYWORD_SETTINGS } from '../domain/consent/index.js';
import type { Change } from './change.js';
import { plannedKeywords, sameKeywords } from './plan-keywords.js';
import type { PlanContext } from './plan-context.js';
import type { NumberItem, TemplateItem } from './schema.js';
import type { NumberRow, TemplateRow } from './state.js';

export function planNumber(ctx: PlanContext, item: NumberItem, index: number, id: string, row: NumberRow | null): Change | null {
  const keywords = plannedKeywords(ctx.issues, item.keywords, row?.keywords ?? DEFAULT_KEYWORD_SETTINGS, `numbers[${index}].keywords`);
  if (row === null) {
    return {
      section: 'numbers',
      action: 'create',
      key: item.address,
      fields: [],
      run: async (trx) => {
        await trx
          .insertInto('sms_numbers')
          .values({ id, account_id: ctx.accountId, address: item.address, national_language: item.nationalLanguage ?? null, label: item.label ?? null, consent_keywords: item.keywords ? JSON.stringify(keywords) : null, ...(item.sendRatePerSecond !== undefined ? { send_rate_per_second: item.sendRatePerSecond } : {}) })
          .execute();
      },
    };
  }
  const set: { national_language?: NumberRow['nationalLanguage']; send_rate_per_second?: number; label?: string | null; consent_keywords?: string | null } = {};
  const fields: string[] = [];
  if (item.nationalLanguage !== undefined && item.nationalLanguage !== row.nationalLanguage) {
    set.national_language = item.nationalLanguage;
    fields.push('nationalLanguage');
  }
  if (item.sendRatePerSecond !== undefined && item.sendRatePerSecond !== row.sendRatePerSecond) {
    set.send_rate_per_second = item.sendRatePerSecond;
    fields.push('sendRatePerSecond');
  }
  if (item.label !== undefined && item.label !== row.label) {
    set.label = item.label;
    fields.push('label');
  }
  if (!sameKeywords(keywords, row.keywords)) {
    set.consent_keywords = item.keywords ? JSON.stringify(keywords) : null;
    fields.push('keywords');
  }
  if (fields.length === 0) return null;
  return {
    section: 'numbers',
    action: 'update',
    key: item.address,
    fields,
    run: async (trx) => {
      await trx.updateTable('sms_numbers').set(set).where('id', '=', id).execute();
    },
  };
}

export function planTemplate(ctx: PlanContext, item: TemplateItem, id: string, row: TemplateRow | null): Change | null {
  if (row === null) {
    return {
      section: 'templates',
      action: 'create',
      key: item.name,
      fields: [],
      run: async (trx) => {
        await trx.insertInto('templates').values({ id, account_id: ctx.accountId, name: item.name, body: item.body, category: item.category ?? 'NOTIFICATION' }).execute();
      },
    };
  }
  const category = item.category ?? row.category;
  const fields = [...(row.body === item.body ? [] : ['body']), ...(row.category === category ? [] : ['category'])];
  if (fields.length === 0) return null;
  return {
    section: 'templates',
    action: 'update',
    key: item.name,
    fields,
    run: async (trx) => {
      await trx.updateTable('templates').set({ body: item.body, category }).where('id', '=', id).execute();
    },
  };
}
