// The media of an inbound MMS, as Twilio posts them: `NumMedia`, then `MediaUrl{N}` and `MediaContentType{N}` for N
// from 0. The links point at Twilio (fetching them needs the account's credentials); they are kept, not fetched.
import type { InboundMedia } from '../../domain/ports.js';

/** Twilio accepts at most 10 media per message; a larger NumMedia is not believed. */
const MAX_MEDIA = 10;
const MAX_URL_LENGTH = 2048;

export function twilioInboundMedia(params: URLSearchParams): InboundMedia[] {
  const declared = Number(params.get('NumMedia') ?? '0');
  const count = Number.isInteger(declared) && declared > 0 ? Math.min(declared, MAX_MEDIA) : 0;
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = params.get(`MediaUrl${i}`);
    if (url === null || url === '' || url.length > MAX_URL_LENGTH) continue;
    const type = params.get(`MediaContentType${i}`);
    media.push({ url, contentType: type === null || type === '' ? null : type.slice(0, 255) });
  }
  return media;
}
