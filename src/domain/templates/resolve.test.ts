import { describe, expect, it } from 'vitest';
import { resolveTemplate } from './index.js';
import type { Template } from './index.js';

const hello: Template = { id: 't1', name: 'Hello', body: 'Hello $firstname' };
const blank: Template = { id: 't2', name: 'Blank', body: ' \n\t\u00a0' };
const empty: Template = { id: 't3', name: 'Empty', body: '' };
const available = [hello, blank, empty];

describe('resolveTemplate', () => {
  it('treats no template as free text', () => {
    expect(resolveTemplate(null, available)).toEqual({ ok: true, template: null });
    expect(resolveTemplate(undefined, [])).toEqual({ ok: true, template: null });
  });

  it('finds an offered template', () => {
    expect(resolveTemplate('t1', available)).toEqual({ ok: true, template: hello });
  });

  it('refuses a template that is not offered here', () => {
    expect(resolveTemplate('t9', available)).toEqual({ ok: false, code: 'INVALID_TEMPLATE', details: { templateId: 't9' } });
    expect(resolveTemplate('t1', [])).toEqual({ ok: false, code: 'INVALID_TEMPLATE', details: { templateId: 't1' } });
  });

  it('refuses an empty or blank template', () => {
    expect(resolveTemplate('t2', available)).toEqual({ ok: false, code: 'INVALID_TEMPLATE', details: { templateId: 't2' } });
    expect(resolveTemplate('t3', available)).toEqual({ ok: false, code: 'INVALID_TEMPLATE', details: { templateId: 't3' } });
  });

  it('refuses an empty id rather than reading it as "(none)"', () => {
    expect(resolveTemplate('', available)).toEqual({ ok: false, code: 'INVALID_TEMPLATE', details: { templateId: '' } });
  });
});
