import { useI18n } from '../../i18n/I18nProvider';
import type { Refusal } from '../../errors/error-text';
import { adminRefusalText } from '../admin-refusal';

/** A list that could not be loaded: why, and a way to try again. */
export function LoadFailed({ refusal, onRetry }: { readonly refusal: Refusal; readonly onRetry: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div role="alert" className="admin__load-failed">
      <p className="field__error">{adminRefusalText(refusal, lang)}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('admin.people.retry')}
      </button>
    </div>
  );
}
