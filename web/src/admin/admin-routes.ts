// The administration area is a page of the Banner's app under `#/admin/<section>`: a hash route, so the server
// serves the same index.html and a reload or a shared link opens the same section.
import type { Me } from '../api/types';
import type { MessageKey } from '../i18n/translate';
import type { AdminApi } from './admin-api';

export const ADMIN_SECTIONS = ['provider', 'credits', 'numbers', 'templates', 'profiles', 'queues', 'agents', 'inbox', 'review', 'opt-outs', 'contacts', 'tokens', 'simulator', 'audit', 'compliance', 'conversations', 'log', 'dashboard'] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const DEFAULT_SECTION: AdminSection = 'provider';

/** The section's name: its heading and the name of its link in the navigation. */
export const SECTION_TITLE: Readonly<Record<AdminSection, MessageKey>> = {
  provider: 'admin.section.provider',
  credits: 'admin.section.credits',
  numbers: 'admin.section.numbers',
  templates: 'admin.section.templates',
  profiles: 'admin.section.profiles',
  queues: 'admin.section.queues',
  agents: 'admin.section.agents',
  inbox: 'admin.section.inbox',
  review: 'admin.section.review',
  'opt-outs': 'admin.section.optOuts',
  contacts: 'timeline.admin.section',
  tokens: 'admin.section.tokens',
  simulator: 'admin.section.simulator',
  audit: 'admin.section.audit',
  compliance: 'admin.section.compliance',
  log: 'admin.section.log',
  conversations: 'admin.section.conversations',
  dashboard: 'admin.section.dashboard',
};

export type HashRoute = { readonly kind: 'banner' } | { readonly kind: 'admin'; readonly section: AdminSection };

function isSection(s: string): s is AdminSection {
  return (ADMIN_SECTIONS as readonly string[]).includes(s);
}

/** `#/admin` and an unknown section open the first section; anything else is the Banner. */
export function parseHash(hash: string): HashRoute {
  const path = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const m = /^\/admin(?:\/([^/]*))?\/?$/.exec(path);
  if (!m) return { kind: 'banner' };
  const section = decodeURIComponent(m[1] ?? '');
  return { kind: 'admin', section: isSection(section) ? section : DEFAULT_SECTION };
}

export function adminHref(section: AdminSection = DEFAULT_SECTION): string {
  return `#/admin/${section}`;
}

/** The Banner itself: an empty route (`#/`), so Back does not leave a dangling `#`. */
export const BANNER_HREF = '#/';

/** What the shell gives every section's page. */
export interface AdminPageProps {
  readonly api: AdminApi;
  readonly me: Me;
}
