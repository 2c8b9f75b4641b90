import { describe, expect, it } from 'vitest';
import { notificationBody } from './notification-body';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, settingsKey, type SettingsStore } from './settings';

function memoryStore(): SettingsStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('attention settings', () => {
  it('are off until the agent turns them on, and kept per agent', () => {
    const store = memoryStore();
    expect(loadSettings(store, 'sam')).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ sound: false, notify: false, showText: true });
    saveSettings(store, 'sam', { sound: true, notify: false, showText: false });
    expect(loadSettings(store, 'sam')).toEqual({ sound: true, notify: false, showText: false });
    expect(loadSettings(store, 'cole')).toEqual(DEFAULT_SETTINGS);
  });

  it('read anything damaged as the defaults, and survive a browser that refuses storage', () => {
    const store = memoryStore();
    for (const raw of ['not json', 'null', '42', '{"sound":"yes","notify":1}']) {
      store.data.set(settingsKey('sam'), raw);
      expect(loadSettings(store, 'sam'), raw).toEqual(DEFAULT_SETTINGS);
    }
    const refusing: SettingsStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadSettings(refusing, 'sam')).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(refusing, 'sam', { sound: true, notify: true, showText: true })).not.toThrow();
    expect(loadSettings(null, 'sam')).toEqual(DEFAULT_SETTINGS);
  });

  it('show the message text in notifications unless the agent hid it, including choices saved before it existed', () => {
    const store = memoryStore();
    store.data.set(settingsKey('sam'), '{"sound":true,"notify":true}');
    expect(loadSettings(store, 'sam')).toEqual({ sound: true, notify: true, showText: true });
    store.data.set(settingsKey('sam'), '{"sound":true,"notify":true,"showText":false}');
    expect(loadSettings(store, 'sam').showText).toBe(false);
    const hidden = 'Open the Banner to read the message.';
    expect(notificationBody({ preview: 'My card number is 4111' }, { showText: true }, hidden)).toBe('My card number is 4111');
    expect(notificationBody({ preview: 'My card number is 4111' }, { showText: false }, hidden)).toBe(hidden);
  });
});
