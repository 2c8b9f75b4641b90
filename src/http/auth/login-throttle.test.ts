import { describe, expect, it } from 'vitest';
import { addressKey, normaliseLogin } from './login-throttle.js';

describe('addressKey', () => {
  it('keeps an IPv4 address whole, mapped or not', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });
  it('groups IPv6 addresses by /64, however they are written', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('normaliseLogin', () => {
  it('trims and lower-cases, so case and spaces do not buy fresh attempts', () => {
    expect(normaliseLogin('  Alice@Example.TEST ')).toBe('alice@example.test');
  });
});
