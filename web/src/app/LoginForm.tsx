import { useId, useState, type FormEvent } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { LoginResult } from '../api/types';
import { errorText, type Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../banner/LanguageSwitch';
import { useFocusOnMount } from '../ui/use-focus-on-mount';

export function LoginForm({ api, onSignedIn }: { readonly api: AgentApi; readonly onSignedIn: (r: LoginResult) => void }) {
  const { t, lang } = useI18n();
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  const emailRef = useFocusOnMount<HTMLInputElement>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(email, password));
    } catch (err) {
      setError(toRefusal(err));
      setBusy(false);
    }
  };

  const message = error ? (error.code === 'UNAUTHENTICATED' ? t('login.badCredentials') : errorText(error, lang)) : null;
  return (
    <main className="login">
      <form className="form login__form" onSubmit={submit} aria-describedby={message ? errorId : undefined} data-testid="login-form">
        <h1>{t('login.heading')}</h1>
        <div className="field">
          <label htmlFor={emailId} className="field__label">
            {t('login.email')}
          </label>
          <input ref={emailRef} id={emailId} className="input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={passwordId} className="field__label">
            {t('login.password')}
          </label>
          <input id={passwordId} className="input" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {message && (
          <p id={errorId} className="field__error" role="alert" data-testid="login-error">
            {message}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="login-submit" aria-disabled={busy || undefined}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
      <LanguageSwitch />
    </main>
  );
}
