// The administrators' contact routes (src/http/routes/contacts.ts), spread into the admin API.
import type { ApiClient } from '../api/client';
import type { Contact } from './timeline-types';

export interface ContactPage {
  readonly contacts: readonly Contact[];
  readonly total: number;
}

export interface ContactImportReport {
  readonly accepted: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly refused: readonly { readonly line: number; readonly text: string; readonly reason: string }[];
}

const enc = encodeURIComponent;

export function contactsAdminApi(c: ApiClient) {
  return {
    contacts: (o: { readonly q?: string; readonly limit: number; readonly offset: number }) => {
      const q = new URLSearchParams({ limit: String(o.limit), offset: String(o.offset), ...(o.q ? { q: o.q } : {}) });
      return c.get<ContactPage>(`/api/admin/contacts?${q.toString()}`);
    },
    putContact: (number: string, name: string) => c.put<Contact>(`/api/admin/contacts/${enc(number)}`, { name }),
    /** An empty name removes it (the client has no DELETE; the server treats both alike). */
    removeContact: (number: string) => c.put<Contact>(`/api/admin/contacts/${enc(number)}`, { name: '' }),
    importContacts: (csv: string) => c.post<ContactImportReport>('/api/admin/contacts/import', { csv }),
  };
}
