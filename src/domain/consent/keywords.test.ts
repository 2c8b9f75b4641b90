import { describe, expect, it } from 'vitest';
import { autoAnswer, DEFAULT_ANSWERS } from './answers.js';
import { DEFAULT_KEYWORD_SETTINGS, languageOfNumber, matchKeyword, readKeywordSettings } from './keywords.js';

describe('matchKeyword', () => {
  it('reads the STOP family in English and French, any case, accents, quotes and final punctuation', () => {
    for (const w of ['STOP', 'stop', ' Stop. ', 'STOPALL', 'Unsubscribe', 'cancel', 'END', 'quit!', 'ARRET', 'arrêt', 'Arrêt !', 'STOP SMS', '"STOP SMS"', '« stop »', 'désabonner', 'DESABONNER', 'stop  sms']) {
      expect(matchKeyword(w)?.family, w).toBe('stop');
    }
  });
  it('reads START and HELP families', () => {
    for (const w of ['START', 'unstop', 'Subscribe', 'abonner']) expect(matchKeyword(w)?.family, w).toBe('start');
    for (const w of ['HELP', 'aide', 'Info?']) expect(matchKeyword(w)?.family, w).toBe('help');
  });
  it('is not fooled by a sentence that contains a keyword', () => {
    for (const w of ['Please stop calling me', 'stop by the shop', 'start time?', 'I need help with my order', '']) expect(matchKeyword(w), w).toBeNull();
  });
  it('keeps the keyword as written for the ledger', () => {
    expect(matchKeyword('arrêt.')).toEqual({ family: 'stop', keyword: 'ARRÊT' });
  });
  it('follows a number’s settings: a family turned off, extra keywords', () => {
    const s = readKeywordSettings({ enabled: { help: false }, extra: { stop: ['Basta'], start: ['REVENIR'] } });
    expect(matchKeyword('HELP', s)).toBeNull();
    expect(matchKeyword('basta', s)).toEqual({ family: 'stop', keyword: 'BASTA' });
    expect(matchKeyword('revenir', s)?.family).toBe('start');
    expect(matchKeyword('STOP', s)?.family).toBe('stop');
  });
});

describe('readKeywordSettings', () => {
  it('falls back to the defaults for what it cannot read', () => {
    expect(readKeywordSettings(null)).toEqual(DEFAULT_KEYWORD_SETTINGS);
    expect(readKeywordSettings({ enabled: { stop: 'no' }, extra: { stop: [3, ''] }, language: 'de', texts: { help: '' } })).toEqual(DEFAULT_KEYWORD_SETTINGS);
  });
});

describe('automatic answers', () => {
  const on = readKeywordSettings({ autoAnswer: { stop: true, start: true, help: true }, texts: { help: 'Call 0800 123 456.' } });
  it('answers in the number’s language, or its own text', () => {
    expect(languageOfNumber('+33612345678', on)).toBe('fr');
    expect(languageOfNumber('+14155550100', on)).toBe('en');
    expect(languageOfNumber('+14155550100', readKeywordSettings({ language: 'fr' }))).toBe('fr');
    expect(autoAnswer('stop', on, 'fr', true)).toBe(DEFAULT_ANSWERS.fr.stop);
    expect(autoAnswer('help', on, 'en', false)).toBe('Call 0800 123 456.');
  });
  it('never answers someone opted out except to confirm their STOP, nor when turned off', () => {
    expect(autoAnswer('help', on, 'en', true)).toBeNull();
    expect(autoAnswer('start', on, 'en', true)).toBeNull();
    expect(autoAnswer('stop', DEFAULT_KEYWORD_SETTINGS, 'en', true)).toBeNull();
  });
});
