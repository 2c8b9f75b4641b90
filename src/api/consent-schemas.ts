// Requests of the consent routes: opt-outs added, removed (with a reason), imported, recorded by
// an integration or by an agent on the customer's request, and the ledger's export.
import { z } from 'zod';

const number = z.string().trim().min(3).max(32);
const note = z.string().max(500);

export const OptOutAddBody = z.object({ number, note: note.nullish() }).strict();
export const OptOutRemoveBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const OptOutNumberParams = z.object({ number }).strict();
export const OptOutImportBody = z.object({ csv: z.string().min(1).max(2_000_000), fileName: z.string().max(200).nullish() }).strict();
export const ApiOptOutBody = z.object({ number, action: z.enum(['opt_out', 'opt_in']), note: note.nullish() }).strict();
export const AgentOptOutBody = z.object({ note: z.string().trim().min(3).max(500), messageId: z.string().min(1).max(64).nullish() }).strict();
export const LedgerQuery = z
  .object({ number: number.optional(), limit: z.coerce.number().int().min(1).max(500).default(100), before: z.string().regex(/^\d{1,18}$/).optional() })
  .strict();
export const LedgerExportQuery = z.object({ format: z.enum(['csv', 'jsonl']).default('csv'), number: number.optional() }).strict();
/** A number's keyword settings (docs/admin-api.md): families on or off, extra keywords, automatic answers and their texts. */
const families = <T extends z.ZodType>(t: T) => z.object({ stop: t.optional(), start: t.optional(), help: t.optional() }).strict();
export const KeywordSettingsBody = z
  .object({
    enabled: families(z.boolean()).optional(),
    extra: families(z.array(z.string().trim().min(1).max(40)).max(20)).optional(),
    autoAnswer: families(z.boolean()).optional(),
    language: z.enum(['en', 'fr']).nullable().optional(),
    texts: families(z.string().trim().min(1).max(320)).optional(),
  })
  .strict();
export type KeywordSettingsInput = z.infer<typeof KeywordSettingsBody>;
