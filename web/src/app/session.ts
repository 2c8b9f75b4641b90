// The agent's name comes with the sign-in answer only (GET /api/me does not carry it): kept for this tab so a
// reload still shows it.
const NAME_KEY = 'smsdesk.agentName';

export function rememberName(agentId: string, name: string): void {
  try {
    sessionStorage.setItem(NAME_KEY, JSON.stringify({ agentId, name }));
  } catch {
    // Without storage the name is shown until the next reload.
  }
}

export function rememberedName(agentId: string): string | null {
  try {
    const raw = sessionStorage.getItem(NAME_KEY);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && 'agentId' in v && 'name' in v && v.agentId === agentId && typeof v.name === 'string') return v.name;
  } catch {
    // Unreadable: fall back to the id.
  }
  return null;
}

export function forgetName(): void {
  try {
    sessionStorage.removeItem(NAME_KEY);
  } catch {
    // Nothing to forget.
  }
}
