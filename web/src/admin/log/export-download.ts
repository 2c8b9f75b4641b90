// An export read with fetch's stream, so the page can say how far it got (rows and bytes out of
// the total counted first), then handed to the browser as a file.
import { pageRelative } from '../../api/page-relative';
import { withParams } from './log-filters';

export interface ExportProgress {
  readonly rows: number;
  readonly bytes: number;
}

export async function downloadExport(filters: URLSearchParams, format: 'csv' | 'jsonl', onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<ExportProgress> {
  const res = await fetch(pageRelative(withParams('/api/admin/messages/export', filters, { format })), { credentials: 'same-origin', signal });
  if (!res.ok || !res.body) throw new Error(`export refused: ${res.status}`);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
    onProgress({ rows: Math.max(0, format === 'csv' ? lines - 1 : lines), bytes });
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `messages.${format}`;
  const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { rows: Math.max(0, format === 'csv' ? lines - 1 : lines), bytes };
}
