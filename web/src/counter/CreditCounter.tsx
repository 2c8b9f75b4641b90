import { memo, useId } from 'react';
import { ERROR_CATALOGUE } from '@domain/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import type { CounterView, Culprit } from './counter-model';

const LOOK_LABEL: Readonly<Record<Exclude<Culprit['look'], 'visible'>, MessageKey>> = {
  space: 'char.space',
  noBreakSpace: 'char.noBreakSpace',
  tab: 'char.tab',
  lineBreak: 'char.lineBreak',
  invisible: 'char.invisible',
};

export interface CreditCounterProps {
  readonly id: string;
  readonly view: CounterView;
  readonly onReplace: () => void;
}

/** Shown under every message field (spec 3.3); `id` is what the field's aria-describedby points at. */
export const CreditCounter = memo(function CreditCounter({ id, view, onReplace }: CreditCounterProps) {
  const { t, lang } = useI18n();
  const warningId = useId();
  const encoding = view.encoding === 'GSM-7' ? t('counter.gsm') : t('counter.ucs2');
  const state = view.overLimit ? 'error' : view.unicode ? 'warning' : 'ok';
  return (
    <div className={`counter counter--${state}`} data-testid="credit-counter" data-state={state}>
      <p id={id} className="counter__figures" aria-label={t('counter.label')}>
        <span data-testid="counter-characters">{t('counter.characters', { count: view.characters })}</span>
        <span data-testid="counter-credits">{t('counter.credits', { used: view.segments, max: view.maxSegments })}</span>
        <span data-testid="counter-length">{t('counter.length', { units: view.units, limit: view.limitUnits, encoding })}</span>
      </p>
      {view.nationalLanguage && <p className="counter__note">{t('counter.national', { language: t(`counter.language.${view.nationalLanguage}`) })}</p>}
      {view.unicode && (
        <div className="counter__warning" id={warningId} data-testid="counter-unicode">
          <p>
            {t('counter.unicodeWarning')}{' '}
            {view.unicode.culprits.map((c) => (
              <span key={c.char} className="culprit" title={c.codePoint}>
                {c.look === 'visible' ? <mark>{c.char}</mark> : <mark>{t(LOOK_LABEL[c.look])}</mark>}
                <span className="culprit__code"> ({c.codePoint}{c.count > 1 ? ` ×${c.count}` : ''})</span>
              </span>
            ))}
            {view.unicode.more > 0 && <span> {t('counter.moreCharacters', { count: view.unicode.more })}</span>}
          </p>
          {view.unicode.canReplace && (
            <button type="button" className="button button--small" onClick={onReplace}>
              {t('counter.replace')}
            </button>
          )}
        </div>
      )}
      {view.overLimit && (
        <p className="counter__error" role="alert" data-testid="counter-over-limit">
          {ERROR_CATALOGUE.CREDIT_LIMIT_EXCEEDED[lang]} {t('counter.overLimit', { used: view.segments, max: view.maxSegments })}
        </p>
      )}
    </div>
  );
});
