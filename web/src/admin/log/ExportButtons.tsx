// Export the view: the total is counted first, then the rows and bytes received are shown as
// they arrive (a progress bar), and the file is handed to the browser at the end.
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadExport, type ExportProgress } from './export-download';
import { sizeText } from './log-filters';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'counting' }
  | { readonly kind: 'running'; readonly total: number; readonly progress: ExportProgress }
  | { readonly kind: 'done'; readonly progress: ExportProgress }
  | { readonly kind: 'failed' };

export function ExportButtons({ filters, count }: { readonly filters: URLSearchParams; readonly count: (f: URLSearchParams) => Promise<number> }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const busy = state.kind === 'counting' || state.kind === 'running';

  const run = async (format: 'csv' | 'jsonl') => {
    const ac = new AbortController();
    abort.current = ac;
    setState({ kind: 'counting' });
    try {
      const total = await count(filters);
      setState({ kind: 'running', total, progress: { rows: 0, bytes: 0 } });
      const done = await downloadExport(filters, format, (progress) => setState({ kind: 'running', total, progress }), ac.signal);
      setState({ kind: 'done', progress: done });
    } catch {
      setState({ kind: 'failed' });
    } finally {
      abort.current = null;
    }
  };

  return (
    <div className="log-export">
      <button type="button" className="button" onClick={() => void run('csv')} disabled={busy} data-testid="log-export-csv">
        {t('log.export.csv')}
      </button>
      <button type="button" className="button" onClick={() => void run('jsonl')} disabled={busy} data-testid="log-export-jsonl">
        {t('log.export.jsonl')}
      </button>
      {busy && (
        <button type="button" className="button" onClick={() => abort.current?.abort()}>
          {t('log.export.cancel')}
        </button>
      )}
      <div role="status" aria-live="polite" className="log-export__status" data-testid="log-export-status" data-state={state.kind}>
        {state.kind === 'counting' && t('log.export.counting')}
        {state.kind === 'running' && (
          <>
            <progress max={Math.max(1, state.total)} value={Math.min(state.progress.rows, state.total)} aria-label={t('log.export.label')} />{' '}
            {t('log.export.progress', { rows: state.progress.rows, total: state.total, size: sizeText(state.progress.bytes) })}
          </>
        )}
        {state.kind === 'done' && t('log.export.done', { rows: state.progress.rows, size: sizeText(state.progress.bytes) })}
        {state.kind === 'failed' && t('log.export.failed')}
      </div>
    </div>
  );
}
