// Names shown for provider types and settings, in the administrator's language; a name this build does not know is
// shown as the setting itself.
import { EN } from '../../i18n/messages-en';
import type { MessageKey } from '../../i18n/translate';

type T = (key: MessageKey) => string;

function known(key: string): key is MessageKey {
  return Object.hasOwn(EN, key);
}

export function providerTypeLabel(t: T, type: string): string {
  const key = `admin.provider.type.${type}`;
  return known(key) ? t(key) : type;
}

export function settingLabel(t: T, name: string): string {
  const key = `admin.provider.setting.${name}`;
  return known(key) ? t(key) : name;
}
