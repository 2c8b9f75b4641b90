// The numbering-plan metadata is most of the phone parser's weight: it is not part of the Banner's first download.
// It is fetched in idle time once the Banner has drawn (see usePhoneModulePrefetch), or at once when a number needs
// checking before that, and every later use shares the one download.
type PhoneModule = typeof import('@domain/phone');

let loading: Promise<PhoneModule> | null = null;

export function loadPhoneModule(): Promise<PhoneModule> {
  loading ??= import('@domain/phone').catch((e: unknown) => {
    // A failed download (offline) is tried again next time.
    loading = null;
    throw e;
  });
  return loading;
}

// Past this, the download starts even if the page never goes idle (a busy live list), well before a number is typed.
const IDLE_TIMEOUT_MS = 2000;

/** Starts the download when the browser is next idle; returns a cancel for a component that goes away first. */
export function prefetchPhoneModule(): () => void {
  const start = () => void loadPhoneModule().catch(() => undefined); // the flow's own load retries and reports
  // Safari has no requestIdleCallback: a short timer after the render stands in for it.
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(start, 200);
  return () => clearTimeout(id);
}

export type { PhoneModule };
