import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Attention } from './use-attention';

/**
 * The agent's choice of announcements. The browser's notification permission is asked only
 * from the click on its checkbox, never when the Banner loads.
 */
export function AttentionSettings({ attention }: { readonly attention: Attention }) {
  const { t } = useI18n();
  const hintId = useId();
  const noteId = useId();
  const { settings, notification } = attention;
  const note = notification === 'denied' ? t('attention.notifyDenied') : notification === 'unsupported' ? t('attention.notifyUnsupported') : null;
  return (
    <details className="attention-settings" data-testid="attention-settings">
      <summary>{t('attention.settings')}</summary>
      <p className="attention-settings__hint" id={hintId}>
        {t('attention.settingsHint')}
      </p>
      <label className="attention-settings__option">
        <input type="checkbox" data-testid="attention-sound" checked={settings.sound} aria-describedby={hintId} onChange={(e) => attention.setSound(e.currentTarget.checked)} />{' '}
        {t('attention.sound')}
      </label>
      <label className="attention-settings__option">
        <input
          type="checkbox"
          data-testid="attention-notify"
          checked={settings.notify && notification === 'granted'}
          disabled={notification === 'unsupported'}
          aria-describedby={note ? `${hintId} ${noteId}` : hintId}
          onChange={(e) => void attention.setNotify(e.currentTarget.checked)}
        />{' '}
        {t('attention.notify')}
      </label>
      <label className="attention-settings__option attention-settings__option--sub">
        <input type="checkbox" data-testid="attention-show-text" checked={settings.showText} disabled={!settings.notify || notification !== 'granted'} onChange={(e) => attention.setShowText(e.currentTarget.checked)} />{' '}
        {t('attention.showText')}
      </label>
      {note && (
        <p className="attention-settings__note" id={noteId} role="status">
          {note}
        </p>
      )}
    </details>
  );
}
