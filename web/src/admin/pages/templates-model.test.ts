import { describe, expect, it } from 'vitest';
import { analyzeSms } from '@domain/sms';
import { names, templateEditorView, templateForm } from './templates-model';

describe('the template editor', () => {
  it('lists each variable once, in order, and leaves money amounts alone', () => {
    expect(templateEditorView('Hello $firstname, your order $order ships today: $5 off with $firstname.').variables).toEqual(['firstname', 'order']);
  });

  it('counts the body as written, as the server does', () => {
    const body = `${'a'.repeat(150)} $prénom ’`;
    const { counter } = templateEditorView(body);
    const a = analyzeSms(body);
    expect(counter.encoding).toBe('UCS-2');
    expect(counter.segments).toBe(a.segments);
    expect(counter.unicode?.culprits.map((c) => c.char)).toContain('’');
  });

  it('fills the form from a template and names its users', () => {
    expect(templateForm(null)).toEqual({ name: '', body: '', category: 'NOTIFICATION' });
    expect(names([{ id: 'q1', name: 'Sales' }, { id: 'q2', name: 'Support' }])).toBe('Sales, Support');
  });
});
