import { describe, expect, it } from 'vitest';
import { parseConfigFile } from './parse.js';
import { senderAddressProblem } from './rules.js';

describe('configuration file rules', () => {
  it('accepts E.164 numbers, short codes and alphanumeric sender ids', () => {
    for (const ok of ['+33757000001', '36111', 'SMSDESK', 'Acme Co', 'A1']) expect(senderAddressProblem(ok)).toBeNull();
    for (const bad of ['0757000001', '+0612', '12', 'TOOLONGSENDERID', '1234567890', 'bad!']) expect(senderAddressProblem(bad)).not.toBeNull();
  });

  it('names every problem by its path in the file', () => {
    const text = `
numbers:
  - address: "+33757000001"
  - address: "+33757000001"
profiles:
  - name: P
    authorizedCountries: [FR, fr]
    numbers: [A, A]
agents:
  - email: not-an-email
    name: X
`;
    expect(() => parseConfigFile(text)).toThrow(/agents\[0\]\.email/);
    let message = '';
    try {
      parseConfigFile(text.replace('not-an-email', 'x@y.test'));
    } catch (e) {
      message = e instanceof Error ? e.message : '';
    }
    expect(message).toContain('numbers[1].address: "+33757000001" is already used by numbers[0]');
    expect(message).toContain('profiles[0].authorizedCountries[1]: "fr" is not an ISO 3166');
    expect(message).toContain('profiles[0].numbers[1]: "A" is listed twice');
  });

  it('refuses unknown keys and duplicate YAML keys', () => {
    expect(() => parseConfigFile('numbers: []\nqueus: []\n')).toThrow(/queus|Unrecognized/);
    expect(() => parseConfigFile('numbers: []\nnumbers: []\n')).toThrow(/line 2/);
  });
});
