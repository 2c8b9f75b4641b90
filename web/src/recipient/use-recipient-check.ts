import { useEffect, useMemo, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import { ApiError } from '../api/api-error';
import { loadPhoneModule, type PhoneModule } from './phone-module';
import { recipientStatus, type RecipientStatus, type ServerCheck } from './recipient-model';

export const CHECK_DEBOUNCE_MS = 300;

/** Checks the number as typed: at once in the browser, then on the server once typing pauses. */
export function useRecipientCheck(api: AgentApi, input: string, authorizedCountries: readonly string[]): RecipientStatus {
  const [phone, setPhone] = useState<PhoneModule | null>(null);
  const [server, setServer] = useState<ServerCheck | null>(null);

  useEffect(() => {
    let live = true;
    loadPhoneModule().then(
      (m) => live && setPhone(m),
      () => undefined, // the server's check still runs
    );
    return () => {
      live = false;
    };
  }, []);

  const client = useMemo(() => (phone ? phone.checkRecipient(input, authorizedCountries) : null), [phone, input, authorizedCountries]);
  const clientRefused = client !== null && !client.ok;

  useEffect(() => {
    if (input.trim() === '' || clientRefused) return;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      api.checkNumber(input, { signal: ac.signal }).then(
        (result) => setServer({ input, result }),
        (e: unknown) => {
          if (e instanceof ApiError) setServer({ input, error: { code: e.code, message: e.message, details: e.details } });
        },
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [api, input, clientRefused]);

  return recipientStatus(input, client, server);
}
