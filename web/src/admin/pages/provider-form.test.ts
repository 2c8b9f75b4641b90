import { describe, expect, it } from 'vitest';
import type { ProviderSettingDescriptor } from '../admin-types';
import { fieldsFrom, formForType, formFrom, issueFor, settingOfField, settingsToSend, withValue, type ProviderForm } from './provider-form';

// As GET /api/admin/provider describes them (typeSettings), from the connectors' schemas.
const d = (name: string, kind: ProviderSettingDescriptor['kind'], more: Partial<ProviderSettingDescriptor> = {}): ProviderSettingDescriptor => ({ name, kind, required: false, secret: false, ...more });
const HTTP_JSON = fieldsFrom([
  d('url', 'url', { required: true }),
  d('username', 'text'),
  d('password', 'text', { secret: true }),
  d('webhookSecret', 'text', { required: true, secret: true }),
  d('trafficType', 'choice', { choices: ['NOTIFICATION', 'MARKETING'], default: 'NOTIFICATION' }),
  d('signRequests', 'boolean', { default: false }),
  d('caCertificate', 'text', { multiline: true }),
  d('timeoutMs', 'number', { default: 15000 }),
  d('maxSockets', 'number', { default: 64, advanced: true }),
]);
const SMPP = fieldsFrom([d('host', 'text', { required: true }), d('port', 'number', { required: true }), d('tls', 'boolean'), d('systemType', 'text'), d('password', 'text', { required: true, secret: true })]);

const stored = { url: 'https://gw.example.test/sms', webhookSecret: '••••cdef', username: 'acme', timeoutMs: 9000, extra: { a: 1 } };

describe('the provider form', () => {
  it('sends the stored settings back as the server showed them: secrets redacted (kept), undescribed ones unchanged', () => {
    const form = formFrom('http-json', HTTP_JSON, stored);
    expect(settingsToSend(form)).toEqual({ url: 'https://gw.example.test/sms', webhookSecret: '••••cdef', username: 'acme', timeoutMs: 9000, extra: { a: 1 } });
  });

  it('never puts a stored secret in a field: it starts empty, with the redacted value aside', () => {
    const form = formFrom('http-json', HTTP_JSON, stored);
    expect(form.values.webhookSecret).toEqual({ stored: '••••cdef', entered: '', remove: false });
  });

  it('sends a typed secret, and leaves out one removed or never stored', () => {
    let form = formFrom('http-json', HTTP_JSON, stored);
    form = withValue(form, 'webhookSecret', { stored: '••••cdef', entered: 'whsec_new', remove: false });
    expect(settingsToSend(form).webhookSecret).toBe('whsec_new');
    form = withValue(form, 'webhookSecret', { stored: '••••cdef', entered: '', remove: true });
    expect(settingsToSend(form)).not.toHaveProperty('webhookSecret');
    expect(settingsToSend(formFrom('http-json', HTTP_JSON, {}))).toEqual({});
  });

  it('leaves out empty fields, reads numbers, keeps a number it cannot read for the server to refuse', () => {
    let form = formFrom('smpp', SMPP, {});
    form = withValue(withValue(withValue(form, 'host', ' smsc.example.test '), 'port', '2775'), 'systemType', '');
    expect(settingsToSend(form)).toEqual({ host: 'smsc.example.test', port: 2775 });
    expect(settingsToSend(withValue(form, 'port', 'twenty'))).toMatchObject({ port: 'twenty' });
    expect(settingsToSend(withValue(form, 'tls', true))).toMatchObject({ tls: true });
  });

  it('builds its fields from what the server describes: secrets typed blind, long texts, tuning apart', () => {
    const byName = new Map(HTTP_JSON.map((x) => [x.name, x]));
    expect(byName.get('webhookSecret')).toEqual({ name: 'webhookSecret', kind: 'secret', required: true });
    expect(byName.get('password')?.kind).toBe('secret');
    expect(byName.get('caCertificate')?.kind).toBe('multiline');
    expect(byName.get('trafficType')).toEqual({ name: 'trafficType', kind: 'choice', choices: ['NOTIFICATION', 'MARKETING'], default: 'NOTIFICATION' });
    expect(byName.get('maxSockets')).toMatchObject({ kind: 'number', advanced: true });
    expect(HTTP_JSON.map((x) => x.name)).toEqual(['url', 'webhookSecret', 'username', 'password', 'trafficType', 'signRequests', 'caCertificate', 'timeoutMs', 'maxSockets']);
    expect(fieldsFrom(undefined)).toEqual([]);
    // A choice the server treats as secret (redacted when shown) stays a choice: its redacted value can be kept.
    const [method] = fieldsFrom([d('signatureMethod', 'choice', { secret: true, choices: ['md5hash', 'sha256hmac'] })]);
    expect(method?.kind).toBe('choice');
    expect(settingsToSend(formFrom('vonage', method ? [method] : [], { signatureMethod: '••••' }))).toEqual({ signatureMethod: '••••' });
  });

  it('a type the server describes nothing for keeps every stored setting as it came', () => {
    const form = formFrom('pigeon', fieldsFrom(undefined), { loft: 'north', token: '••••' });
    expect(form.kept).toEqual({ loft: 'north', token: '••••' });
    expect(settingsToSend(form)).toEqual({ loft: 'north', token: '••••' });
  });

  it('sends a switch only when it differs from its default', () => {
    const on = fieldsFrom([d('flag', 'boolean', { default: true })]);
    expect(formFrom('x', on, {}).values.flag).toBe(true);
    expect(settingsToSend(formFrom('x', on, {}))).toEqual({});
    expect(settingsToSend(withValue(formFrom('x', on, {}), 'flag', false))).toEqual({ flag: false });
    expect(settingsToSend(withValue(formFrom('http-json', HTTP_JSON, {}), 'signRequests', true))).toEqual({ signRequests: true });
  });

  it('switching the type away and back restores what was saved, and what was typed for a type on this page', () => {
    const saved = { type: 'http-json', settings: stored };
    const none = new Map<string, ProviderForm>();
    // Back to the saved type: its saved settings, not empty ones.
    expect(settingsToSend(formForType('http-json', none, saved, HTTP_JSON))).toEqual(settingsToSend(formFrom('http-json', HTTP_JSON, stored)));
    // Another type starts empty...
    const smpp = formForType('smpp', none, saved, SMPP);
    expect(settingsToSend(smpp)).toEqual({});
    // ...and keeps what was typed for it when the administrator comes back to it.
    const typed = withValue(smpp, 'host', 'smsc.example.test');
    expect(settingsToSend(formForType('smpp', new Map([['smpp', typed]]), saved, SMPP))).toEqual({ host: 'smsc.example.test' });
  });

  it('finds the setting and the issue a refusal names', () => {
    expect(settingOfField('settings.port')).toBe('port');
    expect(settingOfField('settings.autoReply.text')).toBe('autoReply');
    expect(settingOfField('type')).toBeNull();
    expect(issueFor(['host: Too small', 'port: Invalid input: expected number'], 'port')).toBe('Invalid input: expected number');
    expect(issueFor(['portal: x'], 'port')).toBeNull();
  });
});
