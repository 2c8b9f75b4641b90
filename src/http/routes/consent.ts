// Consent: the opt-out list and its ledger for administrators (add, remove with a reason,
// import a CSV file, export), a number's keyword settings, an integration's opt-outs (an API
// token with the `consent` scope), and an agent's opt-out on the customer's request.
import { Readable } from 'node:stream';
import {
  AgentOptOutBody,
  ApiOptOutBody,
  KeywordSettingsBody,
  LedgerExportQuery,
  LedgerQuery,
  OptOutAddBody,
  OptOutImportBody,
  OptOutNumberParams,
  OptOutRemoveBody,
} from '../../api/consent-schemas.js';
import { exportLedger, ledgerPage } from '../../app/consent/export-ledger.js';
import { keywordSettings, setKeywordSettings } from '../../app/consent/keyword-settings.js';
import { adminAddOptOut, adminRemoveOptOut, agentOptOut, apiChangeOptOut, importOptOuts } from '../../app/consent/manage-opt-outs.js';
import { numberOrRefuse } from '../../app/contacts.js';
import type { AppDeps } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';
import { z } from 'zod';

const tags = ['admin', 'consent'];
const IdParams = z.object({ id: z.string().min(1).max(64) }).strict();

export function consentRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({ method: 'POST', url: '/api/admin/opt-outs', access: 'admin', tags, summary: 'Opt a number out (an administrator; the note is kept in the ledger)', body: withFieldErrors(OptOutAddBody), handler: async ({ caller, body }) => adminAddOptOut(deps, agentActor(caller), body) }),
    route({
      method: 'POST',
      url: '/api/admin/opt-outs/:number/removal',
      access: 'admin',
      tags,
      summary: 'Lift an opt-out, even the customer’s own, with a reason the ledger keeps',
      params: withFieldErrors(OptOutNumberParams),
      body: withFieldErrors(OptOutRemoveBody),
      handler: async ({ caller, params, body }) => adminRemoveOptOut(deps, agentActor(caller), params.number, body),
    }),
    route({
      method: 'POST',
      url: '/api/admin/opt-outs/import',
      access: 'admin',
      tags,
      summary: 'Import opt-outs from CSV (number, optional action and note): a result per row; an opt-in row never lifts a customer’s opt-out',
      body: withFieldErrors(OptOutImportBody),
      bodyLimit: 2_500_000,
      handler: async ({ caller, body }) => importOptOuts(deps, agentActor(caller), body),
    }),
    route({
      method: 'GET',
      url: '/api/admin/consent-changes',
      access: 'admin',
      tags,
      summary: 'The consent ledger, newest first: every opt-out and opt-in with its source and evidence',
      query: withFieldErrors(LedgerQuery),
      handler: async ({ caller, query }) => {
        const number = query.number ? numberOrRefuse(query.number) : undefined;
        const entries = await ledgerPage(deps, agentActor(caller), { number, afterId: query.before, limit: query.limit, newestFirst: true });
        return { entries, nextBefore: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null };
      },
    }),
    route({
      method: 'GET',
      url: '/api/admin/consent-changes/export',
      access: 'admin',
      tags,
      summary: 'The consent ledger as CSV or JSON lines, oldest first, streamed',
      query: withFieldErrors(LedgerExportQuery),
      handler: async ({ caller, query, reply }) => {
        const number = query.number ? numberOrRefuse(query.number) : undefined;
        const lines = exportLedger(deps, agentActor(caller), query.format, { number });
        const csv = query.format === 'csv';
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
        void reply
          .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="consent-${stamp}.${csv ? 'csv' : 'jsonl'}"`)
          .header('cache-control', 'no-store');
        return Readable.from(lines, { objectMode: false, highWaterMark: 1 });
      },
    }),
    route({ method: 'GET', url: '/api/admin/sms-numbers/:id/keywords', access: 'admin', tags, summary: 'A number’s keyword settings (STOP, START, HELP families, extra keywords, automatic answers)', params: withFieldErrors(IdParams), handler: async ({ caller, params }) => keywordSettings(deps, agentActor(caller), params.id) }),
    route({
      method: 'PUT',
      url: '/api/admin/sms-numbers/:id/keywords',
      access: 'admin',
      tags,
      summary: 'Replace a number’s keyword settings; what is left out takes its default',
      params: withFieldErrors(IdParams),
      body: withFieldErrors(KeywordSettingsBody),
      handler: async ({ caller, params, body }) => setKeywordSettings(deps, agentActor(caller), params.id, body),
    }),
    route({
      method: 'POST',
      url: '/api/numbers/:number/opt-out',
      access: 'agent',
      tags: ['agent', 'consent'],
      summary: 'Opt a customer out on their request (a note is required; messageId: the message that asked, kept as evidence)',
      params: withFieldErrors(OptOutNumberParams),
      body: withFieldErrors(AgentOptOutBody),
      handler: async ({ caller, params, body }) => agentOptOut(deps, agentActor(caller), { number: params.number, note: body.note, messageId: body.messageId ?? null }),
    }),
    route({
      method: 'POST',
      url: '/api/consent/opt-outs',
      access: 'consent',
      tags: ['consent'],
      summary: 'An integration records an opt-out or opt-in (API token with the consent scope); it never lifts an opt-out the customer made',
      body: withFieldErrors(ApiOptOutBody),
      handler: async ({ caller, body }) => {
        if (!caller?.tokenId) throw new DomainError('UNAUTHENTICATED');
        const t = await deps.db.selectFrom('api_tokens').select('name').where('id', '=', caller.tokenId).executeTakeFirstOrThrow();
        return apiChangeOptOut(deps, { accountId: caller.accountId, tokenId: caller.tokenId, tokenName: t.name }, body);
      },
    }),
  ];
}
