import { describe, expect, it } from 'vitest';
import { PROVIDER_FIELDS, formFrom, issueFor, settingOfField, settingsToSend, withValue } from './provider-form';

const stored = { url: 'https://gw.example.test/sms', webhookSecret: '••••cdef', username: 'acme', timeoutMs: 9000, extra: { a: 1 } };

describe('the provider form', () => {
  it('sends the stored settings back as the server showed them: secrets redacted (kept), undescribed ones unchanged', () => {
    const form = formFrom('http-json', stored);
    expect(settingsToSend(form)).toEqual({ url: 'https://gw.example.test/sms', webhookSecret: '••••cdef', username: 'acme', timeoutMs: 9000, extra: { a: 1 } });
  });

  it('never puts a stored secret in a field: it starts empty, with the redacted value aside', () => {
    const form = formFrom('http-json', stored);
    expect(form.values.webhookSecret).toEqual({ stored: '••••cdef', entered: '', remove: false });
  });

  it('sends a typed secret, and leaves out one removed or never stored', () => {
    let form = formFrom('http-json', stored);
    form = withValue(form, 'webhookSecret', { stored: '••••cdef', entered: 'whsec_new', remove: false });
    expect(settingsToSend(form).webhookSecret).toBe('whsec_new');
    form = withValue(form, 'webhookSecret', { stored: '••••cdef', entered: '', remove: true });
    expect(settingsToSend(form)).not.toHaveProperty('webhookSecret');
    expect(settingsToSend(formFrom('http-json', {}))).toEqual({});
  });

  it('leaves out empty fields, reads numbers, keeps a number it cannot read for the server to refuse', () => {
    let form = formFrom('smpp', {});
    form = withValue(withValue(withValue(form, 'host', ' smsc.example.test '), 'port', '2775'), 'systemType', '');
    expect(settingsToSend(form)).toEqual({ host: 'smsc.example.test', port: 2775 });
    expect(settingsToSend(withValue(form, 'port', 'twenty'))).toMatchObject({ port: 'twenty' });
    expect(settingsToSend(withValue(form, 'tls', true))).toMatchObject({ tls: true });
  });

  it('describes every type with its required settings', () => {
    for (const [type, fields] of Object.entries(PROVIDER_FIELDS)) {
      const names = fields.map((x) => x.name);
      expect(new Set(names).size, type).toBe(names.length);
    }
    expect(PROVIDER_FIELDS.twilio?.filter((x) => x.required).map((x) => x.name)).toEqual(['accountSid', 'authToken', 'statusCallbackUrl']);
  });

  it('finds the setting and the issue a refusal names', () => {
    expect(settingOfField('settings.port')).toBe('port');
    expect(settingOfField('settings.autoReply.text')).toBe('autoReply');
    expect(settingOfField('type')).toBeNull();
    expect(issueFor(['host: Too small', 'port: Invalid input: expected number'], 'port')).toBe('Invalid input: expected number');
    expect(issueFor(['portal: x'], 'port')).toBeNull();
  });
});
