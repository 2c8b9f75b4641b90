import { useId, useMemo } from 'react';
import type { NationalLanguage } from '@domain/sms';
import { counterView } from '../counter/counter-model';
import { useI18n } from '../i18n/I18nProvider';
import type { ComposerState } from './composer-model';
import { previewText } from './variables-model';

/** The message as Replace would make it, with its credits: the agent sees the cost before committing to it. */
export function VariablesPreview({ state, nationalLanguage }: { readonly state: ComposerState; readonly nationalLanguage: NationalLanguage | null }) {
  const { t, credits } = useI18n();
  const headingId = useId();
  const text = previewText(state);
  const view = useMemo(() => counterView(text, nationalLanguage), [text, nationalLanguage]);
  return (
    <div className="composer__preview" role="group" aria-labelledby={headingId} data-testid="variables-preview">
      <p id={headingId} className="field__label">
        {t('writing.preview')}
      </p>
      <p className="composer__preview-text" data-testid="preview-text">
        {text}
      </p>
      <p className={`composer__preview-credits${view.overLimit ? ' composer__preview-credits--over' : ''}`} data-testid="preview-credits" aria-live="polite">
        {t('writing.previewCredits', { credits: credits(view.segments), characters: view.characters })}
      </p>
    </div>
  );
}
