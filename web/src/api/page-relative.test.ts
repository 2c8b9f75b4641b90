import { describe, expect, it } from 'vitest';
import { pageRelative } from './page-relative';

describe('API addresses relative to the page', () => {
  it('resolve below the page’s directory, at / as below a prefix', () => {
    expect(pageRelative('/api/me')).toBe('./api/me');
    expect(new URL(pageRelative('/api/me'), 'https://sms.example.com/smsdesk/').href).toBe('https://sms.example.com/smsdesk/api/me');
    expect(new URL(pageRelative('/api/events?lastEventId=4'), 'https://sms.example.com/smsdesk/index.html').href).toBe('https://sms.example.com/smsdesk/api/events?lastEventId=4');
    expect(new URL(pageRelative('/api/me'), 'http://127.0.0.1:3000/').href).toBe('http://127.0.0.1:3000/api/me');
    expect(pageRelative('./api/me')).toBe('./api/me');
  });
});
