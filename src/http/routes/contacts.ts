// Contact names (agents and administrators) and a number's timeline across the account.
import { ContactBody, ContactImportBody, ContactListQuery, NumberParams, TimelineQuery } from '../../api/contact-schemas.js';
import { getContact, importContacts, listContacts, removeContact, setContact } from '../../app/contacts.js';
import type { AppDeps } from '../../app/context.js';
import { numberTimeline } from '../../app/timeline.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';
import { withFieldErrors } from './admin-body.js';

const tags = ['admin'];

export function contactRoutes(deps: AppDeps): RouteDef[] {
  return [
    route({ method: 'GET', url: '/api/contacts/:number', access: 'agent', summary: 'The contact name of a number (null when none)', params: NumberParams, handler: async ({ caller, params }) => getContact(deps, agentActor(caller), params.number) }),
    route({
      method: 'PUT',
      url: '/api/contacts/:number',
      access: 'agent',
      summary: 'Sets the contact name of a number (trimmed, 1-120 characters; empty removes it)',
      params: NumberParams,
      body: withFieldErrors(ContactBody),
      handler: async ({ caller, params, body }) => setContact(deps, agentActor(caller), params.number, body.name),
    }),
    route({ method: 'DELETE', url: '/api/contacts/:number', access: 'agent', summary: 'Removes the contact name of a number', params: NumberParams, handler: async ({ caller, params }) => removeContact(deps, agentActor(caller), params.number) }),
    route({
      method: 'GET',
      url: '/api/numbers/:number/timeline',
      access: 'agent',
      summary: 'A number’s timeline across the account, newest first: conversations, Direct SMS, calls, opt-out changes; who holds it now',
      params: NumberParams,
      query: TimelineQuery,
      handler: async ({ caller, params, query }) => numberTimeline(deps, agentActor(caller), params.number, query),
    }),
    route({ method: 'GET', url: '/api/admin/contacts', access: 'admin', tags, summary: 'Contact names, by name; `q` searches names and numbers', query: withFieldErrors(ContactListQuery), handler: async ({ caller, query }) => listContacts(deps, agentActor(caller), query) }),
    route({
      method: 'PUT',
      url: '/api/admin/contacts/:number',
      access: 'admin',
      tags,
      summary: 'Sets a contact name (empty removes it); audited',
      params: withFieldErrors(NumberParams),
      body: withFieldErrors(ContactBody),
      handler: async ({ caller, params, body }) => setContact(deps, agentActor(caller), params.number, body.name, { admin: true }),
    }),
    route({ method: 'DELETE', url: '/api/admin/contacts/:number', access: 'admin', tags, summary: 'Removes a contact name; audited', params: withFieldErrors(NumberParams), handler: async ({ caller, params }) => removeContact(deps, agentActor(caller), params.number, { admin: true }) }),
    route({
      method: 'POST',
      url: '/api/admin/contacts/import',
      access: 'admin',
      tags,
      summary: 'Imports contact names from CSV (`number,name` header): each line accepted or refused with its reason',
      // The CSV's own cap (2,000,000 characters, 10,000 lines) must be reachable: names in
      // non-Latin scripts take up to 3 bytes a character, and JSON escapes quotes.
      bodyLimit: 6 * 1024 * 1024,
      body: withFieldErrors(ContactImportBody),
      handler: async ({ caller, body }) => importContacts(deps, agentActor(caller), body.csv),
    }),
  ];
}
