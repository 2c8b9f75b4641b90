import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import type { LoginResult, Me } from '../api/types';
import { Banner } from '../banner/Banner';
import { WritingProvider } from '../compose/writing-context';
import { useI18n } from '../i18n/I18nProvider';
import { createConnection } from './connection';
import { LoginForm } from './LoginForm';
import { useHashRoute } from '../admin/use-hash-route';
import { reachesAdmin } from '../admin/supervisor-sections';

// Agents never load the administration pages: they come in their own chunk, for administrators only.
const AdminApp = lazy(() => import('../admin/AdminApp').then((m) => ({ default: m.AdminApp })));

type Session = { readonly kind: 'loading' } | { readonly kind: 'signed-out' } | { readonly kind: 'signed-in'; readonly me: Me; readonly name: string };

export function App() {
  const { t, lang } = useI18n();
  const [connection] = useState(() => createConnection(lang));
  const { api } = connection;
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const route = useHashRoute();

  useEffect(() => {
    connection.setLang(lang);
  }, [connection, lang]);

  useEffect(() => {
    connection.setOnUnauthenticated(() => setSession({ kind: 'signed-out' }));
  }, [connection]);

  const enter = useCallback(
    (me: Me, name: string | null) => {
      if (me.csrfToken) connection.setCsrfToken(me.csrfToken);
      setSession({ kind: 'signed-in', me, name: name ?? me.agent.name });
    },
    [connection],
  );

  useEffect(() => {
    api.me().then(
      (me) => enter(me, null),
      () => setSession({ kind: 'signed-out' }),
    );
  }, [api, enter]);

  const onSignedIn = async (r: LoginResult) => {
    connection.setCsrfToken(r.csrfToken);
    try {
      enter(await api.me(), r.name);
    } catch {
      setSession({ kind: 'signed-out' });
    }
  };

  const onLogout = async () => {
    try {
      await api.logout();
    } catch {
      // Signed out here whatever the server said; the session expires there anyway.
    }
    connection.setCsrfToken(null);
    setSession({ kind: 'signed-out' });
  };

  // Before the stream retries: a lost session sends the agent to sign in rather than retrying for ever.
  const sessionStillValid = useCallback(async () => {
    try {
      const me = await api.me();
      if (me.csrfToken) connection.setCsrfToken(me.csrfToken);
      return true;
    } catch (e) {
      return !(e instanceof ApiError && e.status === 401);
    }
  }, [api, connection]);

  if (session.kind === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (session.kind === 'signed-out') return <LoginForm api={api} onSignedIn={(r) => void onSignedIn(r)} />;
  if (route.kind === 'admin' && reachesAdmin(session.me.agent.role)) {
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <AdminApp api={connection.admin} me={session.me} section={route.section} onLogout={() => void onLogout()} />
      </Suspense>
    );
  }
  return (
    <WritingProvider api={api} agentId={session.me.agent.agentId} agentName={session.name}>
      <Banner api={api} me={session.me} agentName={session.name} sessionStillValid={sessionStillValid} onLogout={() => void onLogout()} />
    </WritingProvider>
  );
}
