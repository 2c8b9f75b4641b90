import { describe, expect, it } from 'vitest';
import { readsAsOptOut } from './free-text.js';

describe('readsAsOptOut', () => {
  it('flags free-text opt-outs in English and French', () => {
    for (const t of [
      'stop texting me', 'Please STOP sending me these', 'unsubscribe me please', 'Do not text me again', "don't send me any more messages", 'no more texts!',
      'remove me from your list', 'ne plus m’envoyer de SMS', 'Merci de ne plus m\'envoyer de messages', 'désinscrivez-moi', 'Désabonnez-moi svp',
      'arrêtez de m’envoyer des textos', 'je ne veux plus recevoir vos sms', 'plus de SMS merci',
    ]) {
      expect(readsAsOptOut(t), t).not.toBeNull();
    }
  });
  it('does not flag what only contains the words', () => {
    for (const t of [
      "don't stop", 'please do not stop the delivery', 'I will stop by the shop tomorrow', 'Can you send me the invoice by text?', 'Merci pour le message',
      'ne pas arrêter la livraison', 'The bus stops at 5', 'Thanks, got your messages', 'Je veux recevoir la facture', 'help',
    ]) {
      expect(readsAsOptOut(t), t).toBeNull();
    }
  });
  it('names the phrase that made it read so', () => {
    expect(readsAsOptOut('OK but stop texting me now')?.phrase).toBe('stop texting');
  });
});
