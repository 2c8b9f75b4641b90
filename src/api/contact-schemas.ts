// Request schemas of contact names and a number's timeline (agent and administration APIs).
import { z } from 'zod';

/** A number in a path, as typed (`+33 6...` URL-encoded): normalised and checked by the use case. */
export const NumberParams = z.object({ number: z.string().min(1).max(64) }).strict();
/** Empty (after trimming) removes the name; its length and characters are checked by the use case. */
export const ContactBody = z.object({ name: z.string().max(1000) }).strict();
export const TimelineQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.string().max(300).optional() }).strict();
export const ContactListQuery = z
  .object({ q: z.string().max(120).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) })
  .strict();
/** The file's text (a `number,name` header, then one contact a line); at most 10,000 lines. */
export const ContactImportBody = z.object({ csv: z.string().max(2_000_000) }).strict();
