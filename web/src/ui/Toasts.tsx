import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'success' | 'info' | 'error';
}

interface ToastApi {
  notify(text: string, kind?: Toast['kind']): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const SHOWN_MS = 8000;

/** Notifications in one polite live region: announced without taking the focus away from the agent's work. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: Toast['kind'] = 'success') => {
      const id = next.current++;
      setToasts((ts) => [...ts, { id, text, kind }]);
      setTimeout(() => dismiss(id), SHOWN_MS);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label={t('notifications.label')}>
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.kind}`} data-testid="toast">
            <span>{toast.text}</span>
            <button type="button" className="button button--small" onClick={() => dismiss(toast.id)}>
              {t('common.dismiss')}
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToasts outside ToastProvider');
  return ctx;
}
