// The template editor's live view: the `$variables` the body has and what it costs as written, from the same domain
// functions the server uses (src/domain), so the page and the API's `variables` / `analysis` always agree.
import { templateVariables } from '@domain/templates';
import { counterView, type CounterView } from '../../counter/counter-model';
import type { AdminTemplate, NamedRef } from '../admin-types';

export interface TemplateEditorView {
  readonly variables: readonly string[];
  readonly counter: CounterView;
}

export function templateEditorView(body: string): TemplateEditorView {
  return { variables: templateVariables(body), counter: counterView(body) };
}

export interface TemplateForm {
  readonly name: string;
  readonly body: string;
  /** MARKETING makes the messages written from it marketing (sending windows, the provider's traffic type). */
  readonly category: 'NOTIFICATION' | 'MARKETING';
}

export function templateForm(t: AdminTemplate | null): TemplateForm {
  return t ? { name: t.name, body: t.body, category: t.category } : { name: '', body: '', category: 'NOTIFICATION' };
}

/** Names, in the order the server gave them, for one line of "used by". */
export function names(refs: readonly NamedRef[]): string {
  return refs.map((r) => r.name).join(', ');
}
