// The sending window part of a profile's or a queue's form: off, or days, hours, holidays and scope, each with the
// API's refusal under it (sendingWindow.days, .start, .end).
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { Refusal } from '../../errors/error-text';
import { describedBy } from '../../ui/FieldError';
import { AdminFieldError } from '../AdminFieldError';
import { weekdayNames, type WindowDraft } from './window-form';

export interface SendingWindowFieldsProps {
  readonly draft: WindowDraft;
  readonly onChange: (next: WindowDraft) => void;
  readonly errorAt: (field: string) => Refusal | null;
}

export function SendingWindowFields({ draft, onChange, errorAt }: SendingWindowFieldsProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const set = (patch: Partial<WindowDraft>) => onChange({ ...draft, ...patch });
  const toggleDay = (day: number, on: boolean) => {
    const days = new Set(draft.days);
    if (on) days.add(day);
    else days.delete(day);
    set({ days });
  };
  const errors = { days: errorAt('sendingWindow.days'), start: errorAt('sendingWindow.start'), end: errorAt('sendingWindow.end'), other: errorAt('sendingWindow') };
  return (
    <fieldset className="field checks" data-testid="sending-window" aria-describedby={`${id}-help`}>
      <legend className="field__label">{t('windows.admin.legend')}</legend>
      <p className="field__help" id={`${id}-help`}>
        {t('windows.admin.help')}
      </p>
      <label className="checks__item">
        <input type="checkbox" data-testid="window-enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> {t('windows.admin.enabled')}
      </label>
      {draft.enabled && (
        <>
          <fieldset className="field checks" aria-describedby={describedBy(errors.days && `${id}-days-error`)} data-testid="window-days">
            <legend className="field__label">{t('windows.admin.days')}</legend>
            <ul className="checks__list">
              {weekdayNames(lang).map(({ day, name }) => (
                <li key={day}>
                  <label className="checks__item">
                    <input type="checkbox" checked={draft.days.has(day)} onChange={(e) => toggleDay(day, e.currentTarget.checked)} /> {name}
                  </label>
                </li>
              ))}
            </ul>
            <AdminFieldError id={`${id}-days-error`} refusal={errors.days} />
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-start`}>
              {t('windows.admin.start')}
            </label>
            <input
              id={`${id}-start`}
              className="input input--compact"
              data-testid="window-start"
              inputMode="numeric"
              value={draft.start}
              aria-invalid={errors.start ? true : undefined}
              aria-describedby={describedBy(errors.start && `${id}-start-error`)}
              onChange={(e) => set({ start: e.currentTarget.value })}
            />
            <AdminFieldError id={`${id}-start-error`} refusal={errors.start} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-end`}>
              {t('windows.admin.end')}
            </label>
            <input
              id={`${id}-end`}
              className="input input--compact"
              data-testid="window-end"
              inputMode="numeric"
              value={draft.end}
              aria-invalid={errors.end ? true : undefined}
              aria-describedby={describedBy(`${id}-end-help`, errors.end && `${id}-end-error`)}
              onChange={(e) => set({ end: e.currentTarget.value })}
            />
            <p className="field__help" id={`${id}-end-help`}>
              {t('windows.admin.endHelp')}
            </p>
            <AdminFieldError id={`${id}-end-error`} refusal={errors.end} />
          </div>
          <label className="checks__item">
            <input type="checkbox" checked={draft.skipPublicHolidays} onChange={(e) => set({ skipPublicHolidays: e.currentTarget.checked })} /> {t('windows.admin.holidays')}
          </label>
          <fieldset className="field checks">
            <legend className="field__label">{t('windows.admin.scope')}</legend>
            {(['marketing', 'all'] as const).map((scope) => (
              <label key={scope} className="checks__item">
                <input type="radio" name={`${id}-scope`} value={scope} checked={draft.scope === scope} onChange={() => set({ scope })} />{' '}
                {t(scope === 'all' ? 'windows.admin.scopeAll' : 'windows.admin.scopeMarketing')}
              </label>
            ))}
          </fieldset>
          <AdminFieldError id={`${id}-error`} refusal={errors.other} />
        </>
      )}
    </fieldset>
  );
}
