/**
 * A template variable: `$` then a name of letters, digits and underscores (spec D5).
 *
 * - The name must start with a letter or underscore, so "$5 off" and "$20" stay literal
 *   money amounts instead of becoming variables an agent is forced to fill.
 * - Letters are Unicode letters (with combining marks), so a French template's `$prénom` is
 *   one variable, not `$pr` followed by the literal "énom".
 * - A `$` right after another `$` never starts a variable: "$$" stays literal, and filling
 *   "$$a" can never turn a value into a new `$name` the agent would then be asked to fill.
 * - The match is greedy, so `$first` never matches inside `$firstname`.
 */
const VARIABLE = /(?<!\$)\$([\p{L}_][\p{L}\p{M}\p{Nd}_]*)/gu;

/** The name of each variable occurrence in `text`, in order, repeats included. */
export function variableOccurrences(text: string): readonly string[] {
  return Array.from(text.matchAll(VARIABLE), (m) => m[1] ?? '');
}

/** Replaces every variable occurrence in one pass, so replacement text is never re-scanned. */
export function replaceVariables(text: string, replacement: (name: string, raw: string) => string): string {
  return text.replace(VARIABLE, (raw: string, name: string) => replacement(name, raw));
}

/** The distinct variables of a template body, in order of first appearance. */
export function templateVariables(body: string): readonly string[] {
  return [...new Set(variableOccurrences(body))];
}

/** The template's variables still written as `$name` in the text the agent is about to send. */
export function unfilledVariables(text: string, templateBody: string): readonly string[] {
  const present = new Set(variableOccurrences(text));
  return templateVariables(templateBody).filter((name) => present.has(name));
}
