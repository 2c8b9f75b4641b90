import { describe, expect, it } from 'vitest';
import { fillTemplate } from './index.js';

describe('fillTemplate', () => {
  it('replaces every occurrence of each variable with a value', () => {
    expect(fillTemplate('Hi $name, $name! Order $order.', { name: 'Ann', order: '42' })).toBe('Hi Ann, Ann! Order 42.');
  });

  it('leaves variables without a value, or with an empty one, as written', () => {
    expect(fillTemplate('Hi $name, order $order.', { name: 'Ann', order: '' })).toBe('Hi Ann, order $order.');
    expect(fillTemplate('Hi $name', {})).toBe('Hi $name');
  });

  it('does not replace a variable inside a longer name', () => {
    expect(fillTemplate('$first $firstname', { first: 'Ann' })).toBe('Ann $firstname');
    expect(fillTemplate('$first $firstname', { firstname: 'Ann Lee' })).toBe('$first Ann Lee');
  });

  it('replaces in one pass: a value that looks like a variable is not substituted again', () => {
    expect(fillTemplate('$a and $b', { a: '$b', b: 'B' })).toBe('$b and B');
    expect(fillTemplate('$a', { a: '$a' })).toBe('$a');
  });

  it('inserts values verbatim, even with replacement patterns', () => {
    expect(fillTemplate('Code: $code', { code: "$& $1 $$ $` $'" })).toBe("Code: $& $1 $$ $` $'");
  });

  it('leaves money amounts, a lone $ and $$ untouched', () => {
    expect(fillTemplate('$5 off, $ and $$name', { name: 'Ann' })).toBe('$5 off, $ and $$name');
  });

  it('ignores values inherited from Object.prototype', () => {
    expect(fillTemplate('$constructor $toString $__proto__', {})).toBe('$constructor $toString $__proto__');
  });

  it('ignores values for names the body does not use', () => {
    expect(fillTemplate('Hello', { name: 'Ann' })).toBe('Hello');
  });
});
