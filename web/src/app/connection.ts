import { createApiClient } from '../api/client';
import { agentApi, type AgentApi } from '../api/endpoints';
import type { Lang } from '../i18n/lang';

/** The API as the signed-in agent: their language and CSRF token go with every call. */
export interface Connection {
  readonly api: AgentApi;
  setLang(lang: Lang): void;
  setCsrfToken(token: string | null): void;
  setOnUnauthenticated(callback: () => void): void;
}

export function createConnection(initialLang: Lang): Connection {
  let lang = initialLang;
  let csrf: string | null = null;
  let onUnauthenticated = () => {};
  const api = agentApi(createApiClient({ lang: () => lang, csrfToken: () => csrf, onUnauthenticated: () => onUnauthenticated() }));
  return {
    api,
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
