import { describe, expect, it } from 'vitest';
import type { Template } from '../api/types';
import { EMPTY_COMPOSER, checkMessage, replaceVariables, selectTemplate, selectedTemplate, setVariable, variablesOf } from './composer-model';

const hello: Template = { id: 't1', name: 'Hello', body: 'Hello $firstname, order $order is ready.' };
const plain: Template = { id: 't2', name: 'Plain', body: 'We will call you back.' };
const templates = [hello, plain];

describe('the message form', () => {
  it('puts a chosen template’s text in the message and asks for each variable once', () => {
    const s = selectTemplate(EMPTY_COMPOSER, templates, 't1');
    expect(s.text).toBe(hello.body);
    expect(variablesOf(selectedTemplate(s, templates))).toEqual(['firstname', 'order']);
  });

  it('keeps the text when "(none)" is chosen, and forgets the values', () => {
    const s = selectTemplate(setVariable(selectTemplate(EMPTY_COMPOSER, templates, 't1'), 'firstname', 'Ann'), templates, null);
    expect(s).toEqual({ templateId: null, values: {}, text: hello.body });
    expect(variablesOf(selectedTemplate(s, templates))).toEqual([]);
  });

  it('replaces the filled variables into the text as edited, leaving the empty ones', () => {
    let s = selectTemplate(EMPTY_COMPOSER, templates, 't1');
    s = { ...s, text: `${s.text} Thanks!` };
    s = replaceVariables(setVariable(s, 'firstname', 'Ann'));
    expect(s.text).toBe('Hello Ann, order $order is ready. Thanks!');
  });

  it('refuses before sending what the server would refuse', () => {
    expect(checkMessage(EMPTY_COMPOSER, null, null)).toEqual({ code: 'EMPTY_MESSAGE' });
    expect(checkMessage({ ...EMPTY_COMPOSER, text: '  \n ' }, null, null)?.code).toBe('EMPTY_MESSAGE');
    const withTemplate = replaceVariables(setVariable(selectTemplate(EMPTY_COMPOSER, templates, 't1'), 'firstname', 'Ann'));
    expect(checkMessage(withTemplate, hello, null)).toEqual({ code: 'UNFILLED_VARIABLES', details: { variables: ['order'] } });
    expect(checkMessage({ ...EMPTY_COMPOSER, text: 'x'.repeat(1225) }, null, null)?.code).toBe('CREDIT_LIMIT_EXCEEDED');
    expect(checkMessage({ ...EMPTY_COMPOSER, text: 'x'.repeat(1224) }, null, null)).toBeNull();
    expect(checkMessage({ ...EMPTY_COMPOSER, text: 'Costs $5' }, null, null)).toBeNull();
  });
});
