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

/** Variables written right before another (`$first$last`): filling only the second glues its value to the first. */
function touchingVariables(body: string): readonly string[] {
  return Array.from(body.matchAll(VARIABLE))
    .filter((m) => body[(m.index ?? 0) + m[0].length] === '$' && VARIABLE_START.test(body.slice((m.index ?? 0) + m[0].length + 1)))
    .map((m) => m[1] ?? '');
}

const VARIABLE_START = /^[\p{L}_]/u;

/**
 * The template's variables still written as `$name` in the text the agent is about to send.
 * With `$first$last` in the template and only `last` filled, the text holds `$firstSmith`: for
 * a variable written right before another, a `$name` that starts with it counts as it (the
 * longest that fits), so it is flagged rather than sent. Elsewhere a longer name is another
 * word (`$firstname` is not `$first`).
 */
export function unfilledVariables(text: string, templateBody: string): readonly string[] {
  const variables = templateVariables(templateBody);
  const known = new Set(variables);
  const touching = [...new Set(touchingVariables(templateBody))].sort((a, b) => b.length - a.length);
  const present = new Set<string>();
  for (const name of variableOccurrences(text)) {
    if (known.has(name)) present.add(name);
    else {
      const glued = touching.find((v) => name.startsWith(v));
      if (glued) present.add(glued);
    }
  }
  return variables.filter((name) => present.has(name));
}
