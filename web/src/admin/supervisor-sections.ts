// What a supervisor reaches in the administration area: the outcomes (log, dashboard) and the
// conversations of their queues, never the configuration. A section listed here shows only once
// it is one of ADMIN_SECTIONS, so a page that does not exist yet has no link.
import type { Me } from '../api/types';
import { ADMIN_SECTIONS, type AdminSection } from './admin-routes';

export const SUPERVISOR_SECTIONS: ReadonlySet<string> = new Set(['log', 'dashboard', 'conversations']);

type Role = Me['agent']['role'];

/** Whether this role may enter the administration area at all. */
export function reachesAdmin(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** The sections this role sees, in the navigation's order. */
export function sectionsFor(role: Role): readonly AdminSection[] {
  if (role === 'admin') return ADMIN_SECTIONS;
  if (role === 'supervisor') return ADMIN_SECTIONS.filter((s) => SUPERVISOR_SECTIONS.has(s));
  return [];
}

/** Where the area opens for this role: an administrator's first section, a supervisor's first allowed one. */
export function homeSection(role: Role): AdminSection | undefined {
  return sectionsFor(role)[0];
}
