// How a sender is shown to the agent: the administrator's label with the address, and whether
// customers can answer it. Only a phone number (E.164 or a short code) can receive a reply; a
// sender name ("ACME") is display text on the handset.

export type SenderKind = 'number' | 'short-code' | 'name';

export function senderKind(address: string): SenderKind {
  if (/^\+\d{6,15}$/.test(address)) return 'number';
  if (/^\d{3,8}$/.test(address)) return 'short-code';
  return 'name';
}

export function canReceiveReplies(address: string): boolean {
  return senderKind(address) !== 'name';
}

/** "Support FR (+33757000001)", or the address alone when the number has no label. */
export function senderText(address: string, label: string | null | undefined): string {
  const l = label?.trim();
  return l ? `${l} (${address})` : address;
}
