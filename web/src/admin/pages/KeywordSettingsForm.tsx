// A number's keywords: which families it reads (STOP, START, HELP), its own extra keywords, and
// whether it answers each automatically, in which language and words (the defaults shown).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { KeywordFamily, KeywordSettings, KeywordSettingsView } from '../consent-api';
import { useAsync } from '../../flows/use-async';
import { FormRefusal } from './AdminField';
import { useSubmit } from './use-submit';

const FAMILIES: readonly KeywordFamily[] = ['stop', 'start', 'help'];

export function KeywordSettingsForm({ api }: Pick<AdminPageProps, 'api'>) {
  const { t } = useI18n();
  const id = useId();
  const numbers = useAsync(() => api.numbers(), 'keyword-numbers');
  const [numberId, setNumberId] = useState('');
  const [view, setView] = useState<KeywordSettingsView | null>(null);
  const [draft, setDraft] = useState<KeywordSettings | null>(null);
  const [extra, setExtra] = useState<Record<KeywordFamily, string>>({ stop: '', start: '', help: '' });
  const submit = useSubmit();

  // The first number until the administrator picks one.
  const chosen = numberId || (numbers.state === 'ready' ? (numbers.value[0]?.id ?? '') : '');
  useEffect(() => {
    if (chosen === '') return;
    let live = true;
    void api.keywordSettings(chosen).then((v) => {
      if (!live) return;
      setView(v);
      setDraft(v.settings);
      setExtra({ stop: v.settings.extra.stop.join(', '), start: v.settings.extra.start.join(', '), help: v.settings.extra.help.join(', ') });
    });
    return () => {
      live = false;
    };
  }, [api, chosen]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const words = (s: string) => s.split(',').map((w) => w.trim()).filter((w) => w !== '');
    await submit.run(async () => {
      const v = await api.setKeywordSettings(chosen, { ...draft, extra: { stop: words(extra.stop), start: words(extra.start), help: words(extra.help) } });
      setView(v);
      setDraft(v.settings);
      return t('consent.keywords.saved');
    });
  };
  const set = (f: (d: KeywordSettings) => KeywordSettings) => (setDraft((d) => (d ? f(d) : d)), submit.reset());
  const lang = draft?.language ?? view?.language ?? 'en';

  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-heading`} data-testid="keyword-settings">
      <h3 id={`${id}-heading`}>{t('consent.keywords')}</h3>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-number`}>
          {t('consent.keywords.number')}
        </label>
        <select id={`${id}-number`} className="input" value={chosen} onChange={(e) => setNumberId(e.target.value)}>
          {numbers.state === 'ready' && numbers.value.map((n) => <option key={n.id} value={n.id}>{n.label ? `${n.label} (${n.address})` : n.address}</option>)}
        </select>
      </div>
      {draft && view && (
        <>
          {FAMILIES.map((f) => (
            <fieldset className="field" key={f}>
              <legend>{t(`consent.keywords.family.${f}`)}</legend>
              <p className="field__help">{view.defaults.keywords[f].join(', ')}</p>
              <label>
                <input type="checkbox" checked={draft.enabled[f]} onChange={(e) => set((d) => ({ ...d, enabled: { ...d.enabled, [f]: e.target.checked } }))} /> {t('consent.keywords.enabled')}
              </label>
              <label>
                <input type="checkbox" checked={draft.autoAnswer[f]} onChange={(e) => set((d) => ({ ...d, autoAnswer: { ...d.autoAnswer, [f]: e.target.checked } }))} /> {t('consent.keywords.autoAnswer')}
              </label>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-extra-${f}`}>
                  {t('consent.keywords.extra')}
                </label>
                <input id={`${id}-extra-${f}`} className="input" value={extra[f]} onChange={(e) => (setExtra((x) => ({ ...x, [f]: e.target.value })), submit.reset())} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-text-${f}`}>
                  {t('consent.keywords.text')}
                </label>
                <textarea
                  id={`${id}-text-${f}`}
                  className="input"
                  rows={2}
                  maxLength={320}
                  placeholder={view.defaults.answers[lang][f]}
                  value={draft.texts[f] ?? ''}
                  onChange={(e) => set((d) => ({ ...d, texts: { ...d.texts, [f]: e.target.value.trim() === '' ? undefined : e.target.value } }))}
                />
              </div>
            </fieldset>
          ))}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-lang`}>
              {t('consent.keywords.language')}
            </label>
            <select id={`${id}-lang`} className="input" value={draft.language ?? ''} onChange={(e) => set((d) => ({ ...d, language: e.target.value === 'en' || e.target.value === 'fr' ? e.target.value : null }))}>
              <option value="">{t('consent.keywords.language.auto', { lang: view.language === 'fr' ? 'Français' : 'English' })}</option>
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
          </div>
          <FormRefusal refusal={submit.refusal} fields={[]} />
          <FormActions start submitLabel={t('consent.keywords.save')} busy={submit.busy} />
          <FormStatus text={submit.done ?? ''} />
        </>
      )}
    </form>
  );
}
