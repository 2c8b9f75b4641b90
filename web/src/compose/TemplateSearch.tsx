import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Template } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { filterTemplates } from './variables-model';

export interface TemplateSearchProps {
  readonly templates: readonly Template[];
  readonly selectedId: string | null;
  /** The template select this search narrows: ArrowDown moves there. */
  readonly selectId: string;
  readonly onFilter: (shown: readonly Template[]) => void;
  readonly onPick: (id: string) => void;
}

/**
 * A search field above a long template list. Typing narrows the list; Enter takes the first match
 * (without sending the form); ArrowDown goes to the list to pick another.
 */
export function TemplateSearch({ templates, selectedId, selectId, onFilter, onPick }: TemplateSearchProps) {
  const { t } = useI18n();
  const id = useId();
  const statusId = useId();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterTemplates(templates, query, selectedId), [templates, query, selectedId]);

  useEffect(() => onFilter(shown), [shown, onFilter]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = shown[0];
      if (first && query.trim() !== '') onPick(first.id);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      document.getElementById(selectId)?.focus();
    }
  };

  const status = query.trim() !== '' && shown.length === 0 ? t('writing.templateNoMatch', { query: query.trim() }) : t('writing.templateSearchHelp', { shown: shown.length, total: templates.length });
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('writing.templateSearch')}
      </label>
      <input id={id} className="input" type="search" autoComplete="off" data-testid="template-search" value={query} aria-describedby={statusId} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} />
      <p id={statusId} className="field__help" aria-live="polite" data-testid="template-search-status">
        {status}
      </p>
    </div>
  );
}
