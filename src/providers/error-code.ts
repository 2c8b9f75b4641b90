// Providers write "no error" as a code made of zeros (SMPP receipts `err:000`, Vonage `err-code` 0): that is the
// absence of a code, never one to report or classify.

/** The code as reported, or undefined when it is empty or only zeros. */
export function meaningfulErrorCode(code: string | null | undefined): string | undefined {
  const c = code?.trim() ?? '';
  return c === '' || /^0+$/.test(c) ? undefined : c;
}
