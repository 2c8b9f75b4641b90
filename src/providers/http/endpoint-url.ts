// Where a connector may send requests. Provider APIs are reached over HTTPS only; plain HTTP is
// accepted for a loopback address, where the traffic never leaves the machine (a local relay or
// sidecar gateway, and the local fakes).
import { isIP } from 'node:net';
import { z } from 'zod';
import { settingMeta } from '../setting-descriptors.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** null when the URL is acceptable as a provider endpoint, else why not. */
export function endpointUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'credentials belong in the username/password settings, not in the URL';
  if (url.hash !== '') return 'a URL fragment is not sent to the server';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'must be https (plain http only for a loopback address)';
}

/**
 * The one setting schema for every address a connector reaches or gives a provider (API base URLs, gateway
 * URLs, status callbacks): each connector's schema uses it, so the rule above cannot differ between them.
 */
export function endpointUrlSetting(): z.ZodString {
  return settingMeta(
    z.string().superRefine((value, ctx) => {
      const problem = endpointUrlProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
    { url: true },
  );
}
