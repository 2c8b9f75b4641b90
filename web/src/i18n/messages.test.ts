import { describe, expect, it } from 'vitest';
import { EN } from './messages-en';
import { FR } from './messages-fr';
import { pickBrowserLang } from './lang';
import { format, plural, translate } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the Banner speaks English and French', () => {
  it('has every key in both, none empty', () => {
    expect(Object.keys(FR).sort()).toEqual(Object.keys(EN).sort());
    for (const [key, text] of Object.entries(EN)) expect(text.trim(), key).not.toBe('');
    for (const [key, text] of Object.entries(FR)) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(EN) as (keyof typeof EN)[]) expect(placeholders(FR[key]), key).toEqual(placeholders(EN[key]));
  });

  it('translates the words the agent reads most (no English left in French)', () => {
    const same = (Object.keys(EN) as (keyof typeof EN)[]).filter((k) => EN[k] === FR[k]);
    // Names, units and codes are the same in both languages; so are "Administration" and "Agents".
    const alike = ['admin.title', 'banner.admin', 'admin.section.agents'];
    // The administration's words that French shares: "Agent", "Message", "Date", "Page", a dash for none.
    alike.push('admin.people.none', 'admin.people.page', 'admin.agents.role.agent', 'admin.inbox.message', 'admin.optOuts.date');
    // The supervisor's screens: "Conversations" and "Agent" are French words too.
    alike.push('admin.section.conversations', 'supervisor.conversations.agent');
    // The message log: "Agent" and "Conversation" too.
    alike.push('log.agent', 'log.details.transcript');
    // The dashboard: "Agent" too.
    alike.push('dashboard.agent');
    // Sending windows: a summary of days and hours, and "Notification" and "Marketing" are French words too.
    alike.push('windows.admin.summary', 'windows.admin.summaryMarketing', 'windows.admin.NOTIFICATION', 'windows.admin.MARKETING');
    expect(same.sort()).toEqual([...alike, 'app.name', 'banner.channelSms', 'banner.label', 'banner.load', 'banner.loadValue', 'banner.agent', 'compose.message', 'conv.label', 'counter.gsm', 'counter.ucs2', 'lists.callSms', 'lists.label', 'conv.thread', 'notifications.label'].sort());
  });

  it('picks the language from the browser’s preferences, English otherwise', () => {
    expect(pickBrowserLang(['fr-FR', 'en'])).toBe('fr');
    expect(pickBrowserLang(['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickBrowserLang(['en-GB', 'fr'])).toBe('en');
    expect(pickBrowserLang(['de', 'es'])).toBe('en');
    expect(pickBrowserLang([])).toBe('en');
  });

  it('formats numbers and plurals for the language', () => {
    expect(format('{n} / {max}', { n: 1224, max: 8 }, 'en')).toBe('1,224 / 8');
    expect(format('{n}', { n: 1224 }, 'fr').replace(/\s/g, ' ')).toBe('1 224');
    expect(plural('en', 'credits', 1)).toBe('1 credit');
    expect(plural('en', 'credits', 0)).toBe('0 credits');
    expect(plural('fr', 'credits', 0)).toBe('0 crédit');
    expect(plural('fr', 'credits', 2)).toBe('2 crédits');
    expect(translate('fr', 'counter.credits', { used: 2, max: 8 })).toBe('Crédits : 2 / 8');
  });
});
