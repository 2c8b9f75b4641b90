import { describe, expect, it } from 'vitest';
import { redactConfig } from '../providers/secrets.js';
import type { ConfigFileIssue } from './issues.js';
import { restoreRedacted } from './restore-redacted.js';

describe('restoreRedacted', () => {
  it('turns an exported (redacted) config back into the stored one, at any depth', () => {
    const stored = { url: 'https://user:pw@sms.example.com/send', authToken: 'a-long-secret-value-1234', short: 'x', nested: { password: 'p4ss', limit: 3 }, plain: 'kept' };
    const issues: ConfigFileIssue[] = [];
    const restored = restoreRedacted(redactConfig(stored), stored, false, 'provider.settings', issues);
    expect(restored).toEqual(stored);
    expect(issues).toEqual([]);
  });

  it('takes new values as given, and refuses a mask with nothing stored behind it', () => {
    const issues: ConfigFileIssue[] = [];
    expect(restoreRedacted({ authToken: 'new-token', url: 'https://sms.example.com/v2' }, { authToken: 'old', url: 'https://u:p@sms.example.com/send' }, false, 'p', issues)).toEqual({
      authToken: 'new-token',
      url: 'https://sms.example.com/v2',
    });
    restoreRedacted({ apiSecret: '••••' }, {}, false, 'provider.settings', issues);
    expect(issues).toEqual([{ path: 'provider.settings.apiSecret', message: expect.stringMatching(/redacted/) }]);
  });
});
