import { describe, expect, it } from 'vitest';
import { templateVariables, unfilledVariables } from './index.js';

describe('templateVariables', () => {
  it('lists distinct variables in order of first appearance', () => {
    expect(templateVariables('Hello $firstname, order $order for $firstname ($order_2).')).toEqual(['firstname', 'order', 'order_2']);
  });

  it('reads letters, digits and underscores, starting with a letter or underscore', () => {
    expect(templateVariables('$a1 $_ref $B_2c $x')).toEqual(['a1', '_ref', 'B_2c', 'x']);
  });

  it('keeps money amounts literal', () => {
    expect(templateVariables('Get $5 off, now $20 instead of $25.50')).toEqual([]);
    expect(templateVariables('$5off')).toEqual([]);
  });

  it('keeps a lone $ and $$ literal', () => {
    expect(templateVariables('Price: 10 $ or $$ or $ or $')).toEqual([]);
    expect(templateVariables('$$name and $$$name')).toEqual([]);
    expect(templateVariables('$')).toEqual([]);
  });

  it('takes the longest name, so $first is not found inside $firstname', () => {
    expect(templateVariables('$firstname')).toEqual(['firstname']);
    expect(templateVariables('$first $firstname')).toEqual(['first', 'firstname']);
  });

  it('stops at punctuation and allows adjacent variables', () => {
    expect(templateVariables('$a$b, $c.$d-$e')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reads accented and non-Latin letters as part of the name', () => {
    expect(templateVariables('Bonjour $prénom, votre $numéro_commande')).toEqual(['prénom', 'numéro_commande']);
    expect(templateVariables('$pre\u0301nom')).toEqual(['pre\u0301nom']);
  });

  it('finds none in free text', () => {
    expect(templateVariables('')).toEqual([]);
    expect(templateVariables('No variables here.')).toEqual([]);
  });
});

describe('unfilledVariables', () => {
  const body = 'Hello $first, your $firstname order $order is ready.';

  it('lists the template variables still present in the text, in template order', () => {
    expect(unfilledVariables('Hello Ann, order $order for $first.', body)).toEqual(['first', 'order']);
  });

  it('is empty once everything is replaced', () => {
    expect(unfilledVariables('Hello Ann, your Ann Lee order 42 is ready.', body)).toEqual([]);
  });

  it('does not mistake a longer name for a shorter variable', () => {
    expect(unfilledVariables('Hi $firstname', 'Hi $first')).toEqual([]);
    expect(unfilledVariables('Hi $first_', 'Hi $first')).toEqual([]);
    expect(unfilledVariables('Hi $first!', 'Hi $first')).toEqual(['first']);
  });

  it('ignores $words that are not variables of the template', () => {
    expect(unfilledVariables('Hi $someone, $first', 'Hi $first')).toEqual(['first']);
    expect(unfilledVariables('$$first costs $5', 'Hi $first')).toEqual([]);
  });

  it('is empty for a template without variables', () => {
    expect(unfilledVariables('anything $first', 'Plain text')).toEqual([]);
  });

  it('flags a variable written right before another when only the second was filled', () => {
    const glued = 'Dear $first$last, your table is ready.';
    expect(unfilledVariables('Dear $firstSmith, your table is ready.', glued)).toEqual(['first']);
    expect(unfilledVariables('Dear AnnSmith, your table is ready.', glued)).toEqual([]);
    expect(unfilledVariables('Dear Ann$last, your table is ready.', glued)).toEqual(['last']);
    // Only where the template glues them: elsewhere a longer name stays another word.
    expect(unfilledVariables('Hi $firstSmith', 'Hi $first $last')).toEqual([]);
  });
});
