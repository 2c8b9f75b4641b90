// The numbering-plan metadata is most of the phone parser's weight: it is fetched when the agent first needs it
// (opening the SMS flow), not with the Banner, and every later use shares the one download.
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

export type { PhoneModule };
