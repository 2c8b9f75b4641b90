import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly description: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly testId?: string;
}

export function ConfirmDialog(p: ConfirmDialogProps) {
  return (
    <Dialog title={p.title} description={p.description} role="alertdialog" onClose={p.onCancel} testId={p.testId}>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={p.onCancel}>
          {p.cancelLabel}
        </button>
        <button type="button" className="button button--primary" data-autofocus onClick={p.onConfirm}>
          {p.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
