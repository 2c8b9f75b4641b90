import { replaceVariables } from './variables.js';

/**
 * "Replace variables" (spec D5): each variable with a non-empty value is replaced everywhere;
 * a variable left empty stays as `$name`, so the send check still catches it.
 */
export function fillTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return replaceVariables(body, (name, raw) => {
    // Own properties only: a template mentioning `$constructor` must not pick up Object.prototype.
    const value: unknown = Object.hasOwn(values, name) ? values[name] : undefined;
    return typeof value === 'string' && value !== '' ? value : raw;
  });
}
