// API tokens for integrations: create one (named, scoped) and see its secret once, list them (never a secret),
// revoke one (refused from its next request on).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { CreatedApiToken } from '../admin-types';
import { formatDateTime } from './format-date';
import { LoadFailed } from './LoadFailed';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

export function TokensPage({ api }: AdminPageProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const loaded = useLoaded(useCallback(() => api.apiTokens(), [api]));
  const [name, setName] = useState('');
  const [telephony, setTelephony] = useState(true);
  const [consent, setConsent] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const submit = useSubmit();
  const revoke = useSubmit();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const token = await api.createApiToken({ name, scopes: [...(telephony ? (['telephony'] as const) : []), ...(consent ? (['consent'] as const) : [])] });
      setCreated(token);
      return '';
    });
    if (ok) {
      setName('');
      await loaded.reload();
    }
  };

  return (
    <section aria-labelledby="admin-tokens-heading">
      <h2 id="admin-tokens-heading">{t('admin.section.tokens')}</h2>
      <p className="field__help">{t('admin.tokens.help')}</p>
      {created && <TokenSecret token={created} onDone={() => setCreated(null)} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.tokens.name')}</label>
          <input id={`${id}-name`} name="name" value={name} onChange={(e) => (setName(e.target.value), submit.reset())} maxLength={200} />
        </div>
        <fieldset className="field">
          <legend>{t('admin.tokens.scopes')}</legend>
          <label>
            <input type="checkbox" name="scope-telephony" checked={telephony} onChange={(e) => setTelephony(e.target.checked)} /> {t('admin.tokens.scope.telephony')}
          </label>
          <label>
            <input type="checkbox" name="scope-consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> {t('consent.tokenScope')}
          </label>
        </fieldset>
        <AdminFieldError id={`${id}-error`} refusal={submit.refusal} />
        <FormActions submitLabel={t('admin.tokens.create')} busy={submit.busy} start />
      </form>
      <AdminFieldError id={`${id}-revoke-error`} refusal={revoke.refusal} />
      <FormStatus text={revoke.done ?? ''} quiet={!revoke.done} />
      {loaded.refusal && <LoadFailed refusal={loaded.refusal} onRetry={() => void loaded.reload()} />}
      {loaded.data && (
        <AdminTable
          look="wide"
          testId="tokens-table"
          caption={t('admin.tokens.caption')}
          columns={[t('admin.tokens.name'), t('admin.tokens.scopes'), t('admin.tokens.created'), t('admin.tokens.lastUsed'), t('admin.tokens.state'), '']}
          empty={t('admin.tokens.empty')}
          isEmpty={loaded.data.length === 0}
        >
          {loaded.data.map((k) => (
            <tr key={k.id} data-testid="token-row" data-token-id={k.id}>
              <td>{k.name}</td>
              <td>{k.scopes.join(', ')}</td>
              <td>
                <time dateTime={k.createdAt}>{formatDateTime(k.createdAt, lang)}</time>
              </td>
              <td>{k.lastUsedAt ? <time dateTime={k.lastUsedAt}>{formatDateTime(k.lastUsedAt, lang)}</time> : t('admin.tokens.never')}</td>
              <td data-testid="token-state">{k.revokedAt ? t('admin.tokens.revokedOn', { date: formatDateTime(k.revokedAt, lang) }) : t('admin.tokens.active')}</td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-disabled={revoke.busy || undefined}
                    onClick={() =>
                      void revoke
                        .run(async () => {
                          await api.revokeApiToken(k.id);
                          return t('admin.tokens.revoked', { name: k.name });
                        })
                        .then(() => loaded.reload())
                    }
                  >
                    {t('admin.tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

/** The secret, shown once: the server keeps only its hash. The heading takes the focus so that it is read out. */
function TokenSecret({ token, onDone }: { readonly token: CreatedApiToken; readonly onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [token]);
  return (
    <section className="admin__password" aria-labelledby="admin-token-secret-heading" data-testid="api-token-panel">
      <h3 id="admin-token-secret-heading" ref={heading} tabIndex={-1}>
        {t('admin.tokens.secretHeading', { name: token.name })}
      </h3>
      <p>
        <code className="admin__secret" data-testid="api-token-secret">
          {token.token}
        </code>
      </p>
      <p className="field__note">{t('admin.tokens.secretNote')}</p>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('admin.tokens.secretDone')}
        </button>
      </div>
    </section>
  );
}
