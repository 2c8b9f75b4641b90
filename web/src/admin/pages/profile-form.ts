// A profile as its form holds it, and the body the API takes from it. Numbers stay text while typed; what the API
// refuses (empty, too big) comes back on the field.
import type { Profile, ProfileCreateBody } from '../admin-types';
import { NO_WINDOW, windowBody, windowDraft, type WindowDraft } from './window-form';

export interface ProfileDraft {
  readonly name: string;
  readonly messaging: boolean;
  readonly direct: boolean;
  readonly smart: boolean;
  readonly maxInteractions: string;
  /** Seconds of the undo window, as typed: 0 (off) or 5 to 30. */
  readonly undoSeconds: string;
  readonly countries: ReadonlySet<string>;
  readonly numberIds: ReadonlySet<string>;
  readonly templateIds: ReadonlySet<string>;
  readonly window: WindowDraft;
}

export const NEW_PROFILE: ProfileDraft = {
  name: '',
  messaging: true,
  direct: false,
  smart: false,
  maxInteractions: '1',
  undoSeconds: '0',
  countries: new Set(),
  numberIds: new Set(),
  templateIds: new Set(),
  window: NO_WINDOW,
};

export function profileDraft(p: Profile): ProfileDraft {
  return {
    name: p.name,
    ...p.permissions,
    maxInteractions: String(p.maxInteractions),
    undoSeconds: String(p.undoSeconds),
    countries: new Set(p.authorizedCountries),
    numberIds: new Set(p.numberIds),
    templateIds: new Set(p.templateIds),
    window: windowDraft(p.sendingWindow),
  };
}

/** An empty or non-numeric count is sent as null, so the API names the field. */
export function wholeNumberOrNull(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

/** Every field, lists whole: the same body creates a profile or replaces one's settings. */
export function profileBody(d: ProfileDraft): ProfileCreateBody {
  return {
    name: d.name,
    permissions: { messaging: d.messaging, direct: d.direct, smart: d.smart },
    maxInteractions: wholeNumberOrNull(d.maxInteractions) as number,
    undoSeconds: wholeNumberOrNull(d.undoSeconds) as number,
    authorizedCountries: [...d.countries].sort(),
    numberIds: [...d.numberIds].sort(),
    templateIds: [...d.templateIds].sort(),
    sendingWindow: windowBody(d.window),
  };
}
