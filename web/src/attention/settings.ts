// The agent's choice of sound and browser notification, kept in this browser per agent (two
// agents sharing a workstation each keep theirs).
export interface AttentionSettings {
  readonly sound: boolean;
  readonly notify: boolean;
  /**
   * Whether a notification shows the customer's words or only who wrote. On by default, as in
   * the contact-centre tools agents already know: the point of a notification is to let the agent
   * judge from another window whether to switch. An agent on a screen others can see turns it off.
   */
  readonly showText: boolean;
}

export const DEFAULT_SETTINGS: AttentionSettings = { sound: false, notify: false, showText: true };

/** The part of Storage used here, so tests can hand in their own. */
export type SettingsStore = Pick<Storage, 'getItem' | 'setItem'>;

export const settingsKey = (agentId: string) => `smsdesk.attention.${agentId}`;

/** Anything unreadable (absent, damaged, from another version) reads as the defaults. */
export function loadSettings(store: SettingsStore | null, agentId: string): AttentionSettings {
  try {
    const raw = store?.getItem(settingsKey(agentId));
    if (!raw) return DEFAULT_SETTINGS;
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return DEFAULT_SETTINGS;
    const o = v as Record<string, unknown>;
    // Saved before the choice existed (absent) reads as its default.
    return { sound: o.sound === true, notify: o.notify === true, showText: o.showText !== false };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** A browser that refuses storage (private mode, quota) keeps the choice for this page only. */
export function saveSettings(store: SettingsStore | null, agentId: string, s: AttentionSettings): void {
  try {
    store?.setItem(settingsKey(agentId), JSON.stringify(s));
  } catch {
    // kept in memory by the caller
  }
}

/** localStorage when the browser lets the page use it. */
export function browserStore(): SettingsStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
