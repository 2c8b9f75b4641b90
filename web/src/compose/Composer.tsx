import { useId, useRef, useState } from 'react';
import type { Template } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { CreditCounter } from '../counter/CreditCounter';
import { replaceLookalikes, type CounterView } from '../counter/counter-model';
import type { FormErrors } from '../errors/form-errors';
import { FieldError, describedBy } from '../ui/FieldError';
import { replaceVariables, selectTemplate, selectedTemplate, setVariable, variablesOf, type ComposerState } from './composer-model';

export interface ComposerProps {
  readonly templates: readonly Template[];
  readonly state: ComposerState;
  readonly onChange: (state: ComposerState) => void;
  /** The counter's figures for `state.text`: computed once by the form, which also needs them for Send. */
  readonly view: CounterView;
  readonly errors: FormErrors;
  /** Called when the text changes, so a refusal about the old text can be cleared. */
  readonly onEdit?: (field: 'template' | 'message') => void;
}

/** Template, its variables and the message with its live credit counter: the part Direct and Smart forms share. */
export function Composer({ templates, state, onChange, view, errors, onEdit }: ComposerProps) {
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

  const edit = (next: ComposerState, field: 'template' | 'message') => {
    setReplacedNote('');
    onChange(next);
    onEdit?.(field);
  };

  return (
    <div className="composer">
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
          onChange={(e) => edit(selectTemplate(state, templates, e.target.value === '' ? null : e.target.value), 'template')}
        >
          <option value="">{t('compose.none')}</option>
          {templates.map((tpl) => (
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
            <VariableInput key={name} name={name} value={state.values[name] ?? ''} onChange={(v) => onChange(setVariable(state, name, v))} />
          ))}
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
        />
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

function VariableInput({ name, value, onChange }: { readonly name: string; readonly value: string; readonly onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id} className="field__label">
        ${name}
      </label>
      <input id={id} className="input" data-testid={`variable-${name}`} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
