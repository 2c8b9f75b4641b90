// Provider error texts quote phone numbers; logs keep only '+', the country code guess and the
// last 2 digits (+33612345678 → +33•••••••78).
const NUMBER = /\+?\d[\d ]{5,18}\d/g;

export function maskPhoneNumbers(text: string): string {
  return text.replace(NUMBER, (match) => {
    const digits = match.replace(/\D/g, '');
    const plus = match.startsWith('+') ? '+' : '';
    const head = plus === '' ? '' : digits.slice(0, 2);
    return `${plus}${head}${'•'.repeat(Math.max(0, digits.length - head.length - 2))}${digits.slice(-2)}`;
  });
}
