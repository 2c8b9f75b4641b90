import { createApiClient } from '../api/client';
import { agentApi, type AgentApi } from '../api/endpoints';
import { adminApi, type AdminApi } from '../admin/admin-api';
import type { Lang } from '../i18n/lang';

/** The API as the signed-in agent: their language and CSRF token go with every call. */
export interface Connection {
  readonly api: AgentApi;
  /** The same session's administration routes (the server refuses them to agents). */
  readonly admin: AdminApi;
  setLang(lang: Lang): void;
  setCsrfToken(token: string | null): void;
  setOnUnauthenticated(callback: () => void): void;
}

export function createConnection(initialLang: Lang): Connection {
  let lang = initialLang;
  let csrf: string | null = null;
  let onUnauthenticated = () => {};
  const client = createApiClient({ lang: () => lang, csrfToken: () => csrf, onUnauthenticated: () => onUnauthenticated() });
  const api = agentApi(client);
  return {
    api,
    admin: adminApi(client),
    setLang: (l) => {
      lang = l;
    },
    setCsrfToken: (token) => {
      csrf = token;
    },
    setOnUnauthenticated: (callback) => {
      onUnauthenticated = callback;
    },
  };
}
