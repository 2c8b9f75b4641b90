import { useEffect, useId, useRef, useState } from 'react';
import type { NationalLanguage } from '@domain/sms';
import type { Template } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { CreditCounter } from '../counter/CreditCounter';
import { replaceLookalikes, type CounterView } from '../counter/counter-model';
import type { FormErrors } from '../errors/form-errors';
import { FieldError, describedBy } from '../ui/FieldError';
import { replaceVariables, selectTemplate, selectedTemplate, setVariable, variablesOf, type ComposerState } from './composer-model';
import { isSendShortcut } from './send-shortcut';
import { TemplateSearch } from './TemplateSearch';
import { VariablesPreview } from './VariablesPreview';
import { isSystemVariable, prefillSystem, TEMPLATE_SEARCH_THRESHOLD, type SystemValues } from './variables-model';

export interface ComposerProps {
  readonly templates: readonly Template[];
  readonly state: ComposerState;
  readonly onChange: (state: ComposerState) => void;
  /** The counter's figures for `state.text`: computed once by the form, which also needs them for Send. */
  readonly view: CounterView;
  readonly errors: FormErrors;
  /** Called when the text changes, so a refusal about the old text can be cleared. */
  readonly onEdit?: (field: 'template' | 'message') => void;
  /** Values the Banner knows ($agent_name, $customer_name...), filled into a template's fields for the agent. */
  readonly system?: SystemValues;
  /** The sender's national table: the preview counts as the counter does. */
  readonly nationalLanguage?: NationalLanguage | null;
}

const NO_SYSTEM: SystemValues = {};

/** Template, its variables and the message with its live credit counter: the part Direct and Smart forms share. */
export function Composer({ templates, state, onChange, view, errors, onEdit, system = NO_SYSTEM, nationalLanguage = null }: ComposerProps) {
  const { t } = useI18n();
  const templateId = useId();
  const templateErrorId = useId();
  const messageId = useId();
  const messageErrorId = useId();
  const counterId = useId();
  const [replacedNote, setReplacedNote] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const template = selectedTemplate(state, templates);
  const variables = variablesOf(template);
  const [shown, setShown] = useState<readonly Template[]>(templates);
  const searching = templates.length > TEMPLATE_SEARCH_THRESHOLD;
  const options = searching ? shown : templates;

  // A fact that arrives after the template was chosen (the contact name) fills its field if still empty. Only
  // when the facts or the template change: a field the agent empties on purpose stays empty.
  const latest = useRef({ state, template, onChange });
  useEffect(() => {
    latest.current = { state, template, onChange };
  });
  useEffect(() => {
    const { state: now, template: tpl, onChange: change } = latest.current;
    const next = prefillSystem(now, tpl, system);
    if (next !== now) change(next);
  }, [system, template?.id]);

  const choose = (id: string | null): ComposerState => {
    const next = selectTemplate(state, templates, id);
    return prefillSystem(next, selectedTemplate(next, templates), system);
  };

  const edit = (next: ComposerState, field: 'template' | 'message') => {
    setReplacedNote('');
    onChange(next);
    onEdit?.(field);
  };

  return (
    <div className="composer">
      {searching && (
        <TemplateSearch
          templates={templates}
          selectedId={state.templateId}
          selectId={templateId}
          onFilter={setShown}
          onPick={(id) => edit(choose(id), 'template')}
        />
      )}
      <div className="field">
        <label htmlFor={templateId} className="field__label">
          {t('compose.template')}
        </label>
        <select
          id={templateId}
          className="input"
          data-testid="template-select"
          value={state.templateId ?? ''}
          aria-invalid={errors.template ? true : undefined}
          aria-describedby={describedBy(errors.template && templateErrorId)}
          onChange={(e) => edit(choose(e.target.value === '' ? null : e.target.value), 'template')}
        >
          <option value="">{t('compose.none')}</option>
          {options.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
          ))}
        </select>
        <FieldError id={templateErrorId} refusal={errors.template} />
      </div>
      {variables.length > 0 && (
        <fieldset className="composer__variables" data-testid="template-variables">
          <legend>{t('compose.variables')}</legend>
          {variables.map((name) => (
            <VariableInput
              key={name}
              name={name}
              value={state.values[name] ?? ''}
              filled={isSystemVariable(name) && system[name] !== undefined && state.values[name] === system[name]}
              onChange={(v) => onChange(setVariable(state, name, v))}
            />
          ))}
          <VariablesPreview state={state} nationalLanguage={nationalLanguage} />
          <button type="button" className="button" data-testid="replace-variables" onClick={() => edit(replaceVariables(state), 'message')}>
            {t('compose.replace')}
          </button>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={messageId} className="field__label">
          {t('compose.message')}
        </label>
        <textarea
          ref={textarea}
          id={messageId}
          className="input composer__text"
          data-testid="message-input"
          rows={6}
          value={state.text}
          aria-invalid={errors.message || view.overLimit ? true : undefined}
          aria-describedby={describedBy(counterId, errors.message && messageErrorId)}
          onChange={(e) => edit({ ...state, text: e.target.value }, 'message')}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter is pressing Send: the form's own checks and confirmation follow.
            if (!isSendShortcut(e)) return;
            e.preventDefault();
            e.currentTarget.form?.querySelector<HTMLButtonElement>('[data-testid="send-button"]:not([disabled])')?.click();
          }}
        />
        <p className="field__help composer__shortcut">{t('writing.sendShortcut')}</p>
        <CreditCounter
          id={counterId}
          view={view}
          onReplace={() => {
            const r = replaceLookalikes(state.text);
            edit({ ...state, text: r.text }, 'message');
            setReplacedNote(t('counter.replaced', { count: r.replaced }));
            // The button goes with the warning it belonged to: the keyboard goes back to the text.
            textarea.current?.focus();
          }}
        />
        <p className="sr-status" aria-live="polite">
          {replacedNote}
        </p>
        <FieldError id={messageErrorId} refusal={errors.message} />
      </div>
    </div>
  );
}

function VariableInput({ name, value, filled, onChange }: { readonly name: string; readonly value: string; readonly filled: boolean; readonly onChange: (v: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const noteId = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id} className="field__label">
        ${name}
      </label>
      <input id={id} className="input" data-testid={`variable-${name}`} value={value} aria-describedby={filled ? noteId : undefined} onChange={(e) => onChange(e.target.value)} />
      {filled && (
        <span id={noteId} className="field__note" data-testid={`variable-${name}-filled`}>
          {t('writing.filledForYou')}
        </span>
      )}
    </div>
  );
}
