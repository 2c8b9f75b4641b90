import { describe, expect, it } from 'vitest';
import { BadRequest, webhookParams } from './params.js';

const req = (method: string, url: string, rawBody = '', contentType = '') => ({ method, url, headers: {}, rawBody, contentType });

describe('webhook parameters', () => {
  it('reads a GET query', () => {
    expect(webhookParams(req('GET', '/webhooks/vonage/a/status?messageId=X&status=delivered&text=a%20b'))).toEqual({
      messageId: 'X', status: 'delivered', text: 'a b',
    });
  });

  it('reads a POST form', () => {
    expect(webhookParams(req('POST', '/w', 'msisdn=447700900123&text=Hi+there%26co', 'application/x-www-form-urlencoded'))).toEqual({
      msisdn: '447700900123', text: 'Hi there&co',
    });
  });

  it('reads a POST JSON body as strings', () => {
    expect(webhookParams(req('POST', '/w', '{"messageId":"X","concat":true,"concat-part":2,"none":null}', 'application/json'))).toEqual({
      messageId: 'X', concat: 'true', 'concat-part': '2',
    });
  });

  it('refuses a JSON body that is not an object', () => {
    expect(() => webhookParams(req('POST', '/w', '[1]', 'application/json'))).toThrow(BadRequest);
    expect(() => webhookParams(req('POST', '/w', '{', 'application/json'))).toThrow(BadRequest);
  });
});
