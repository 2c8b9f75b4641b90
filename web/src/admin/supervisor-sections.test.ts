import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS } from './admin-routes';
import { homeSection, reachesAdmin, sectionsFor, SUPERVISOR_SECTIONS } from './supervisor-sections';

describe('who sees which administration sections', () => {
  it('an administrator sees every section; an agent none', () => {
    expect(sectionsFor('admin')).toEqual(ADMIN_SECTIONS);
    expect(sectionsFor('agent')).toEqual([]);
    expect(reachesAdmin('agent')).toBe(false);
    expect(homeSection('agent')).toBeUndefined();
  });

  it('a supervisor sees the conversations and the outcomes that exist, never the configuration', () => {
    const seen = sectionsFor('supervisor');
    expect(reachesAdmin('supervisor')).toBe(true);
    expect(seen).toContain('conversations');
    expect(seen.every((s) => SUPERVISOR_SECTIONS.has(s))).toBe(true);
    for (const config of ['provider', 'credits', 'numbers', 'templates', 'profiles', 'queues', 'agents', 'tokens', 'audit'] as const) expect(seen).not.toContain(config);
    expect(homeSection('supervisor')).toBe(seen[0]);
  });
});
