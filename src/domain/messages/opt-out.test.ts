import { describe, expect, it } from 'vitest';
import { optKeyword } from './opt-out.js';

describe('optKeyword', () => {
  it('recognises every STOP keyword of D6 in any case, with spaces and final punctuation', () => {
    for (const w of ['STOP', 'stopall', 'Unsubscribe', 'CANCEL', 'end', 'QUIT', 'revoke', 'OPTOUT', 'arret', 'Arrêt', ' stop. ', 'STOP!']) {
      expect(optKeyword(w), w).toMatchObject({ kind: 'stop' });
    }
    expect(optKeyword('arrêt')).toEqual({ kind: 'stop', keyword: 'ARRÊT' });
  });
  it('recognises START and UNSTOP', () => {
    expect(optKeyword('start')).toEqual({ kind: 'start', keyword: 'START' });
    expect(optKeyword('UNSTOP')).toEqual({ kind: 'start', keyword: 'UNSTOP' });
  });
  it('does not treat a sentence containing a keyword as one', () => {
    expect(optKeyword('Please stop calling me')).toBeNull();
    expect(optKeyword('stop it now')).toBeNull();
    expect(optKeyword('the end')).toBeNull();
    expect(optKeyword('')).toBeNull();
  });
});
