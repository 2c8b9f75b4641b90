import { describe, expect, it } from 'vitest';
import { externalUrl, pathPrefix, requestOrigin, stripPathPrefix } from './external-url.js';

describe('the external URL of a request', () => {
  it('reads the prefix from PUBLIC_URL, without its trailing slash', () => {
    expect(pathPrefix(undefined)).toBe('');
    expect(pathPrefix('https://sms.example.com')).toBe('');
    expect(pathPrefix('https://sms.example.com/')).toBe('');
    expect(pathPrefix('https://sms.example.com/smsdesk/')).toBe('/smsdesk');
    expect(pathPrefix('https://sms.example.com/a/b')).toBe('/a/b');
  });

  it('strips the prefix a proxy kept, and leaves what does not start with it (a proxy that stripped it)', () => {
    expect(stripPathPrefix('/smsdesk/api/x?y=1', '/smsdesk')).toBe('/api/x?y=1');
    expect(stripPathPrefix('/api/x', '/smsdesk')).toBe('/api/x');
    expect(stripPathPrefix('/smsdeskother/x', '/smsdesk')).toBe('/smsdeskother/x');
    expect(stripPathPrefix('/smsdesk', '/smsdesk')).toBe('/smsdesk');
    expect(stripPathPrefix('/smsdesk/', '/smsdesk')).toBe('/');
    expect(stripPathPrefix('/x', '')).toBe('/x');
  });

  it('joins PUBLIC_URL and the request target byte for byte, query included', () => {
    const req = { url: "/webhooks/twilio/a/t/inbound?tag=O'Brien!*()~&n=a+b%20c%27d", protocol: 'http', host: '127.0.0.1:3000' };
    expect(externalUrl(req, 'https://sms.example.com/smsdesk/')).toBe("https://sms.example.com/smsdesk/webhooks/twilio/a/t/inbound?tag=O'Brien!*()~&n=a+b%20c%27d");
    expect(externalUrl(req, undefined)).toBe("http://127.0.0.1:3000/webhooks/twilio/a/t/inbound?tag=O'Brien!*()~&n=a+b%20c%27d");
    expect(requestOrigin({ protocol: 'https', host: 'sms.example.com' })).toBe('https://sms.example.com');
  });
});
