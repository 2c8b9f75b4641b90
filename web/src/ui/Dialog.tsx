import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** 'alertdialog' for confirmations: screen readers read the description at once. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly description?: string;
  readonly className?: string;
  readonly testId?: string;
  /** Where focus goes back to, when what opened the dialog does not stay on screen (a menu item). */
  readonly returnFocusTo?: RefObject<HTMLElement | null>;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/**
 * A modal dialog on the platform's <dialog>: the page behind is inert, Escape closes it, Tab cycles inside it
 * (without escaping to the browser's own controls), and focus goes back to what opened it.
 */
export function Dialog({ title, onClose, children, role = 'dialog', description, className, testId, returnFocusTo }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const active = document.activeElement;
    // When what was clicked is gone already (a menu that closed), the page's body is no place to come back to.
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    const fallback = returnFocusTo;
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0];
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = opener?.isConnected ? opener : fallback?.current;
      if (target?.isConnected) target.focus();
    };
    // Opened once per mount: the dialog's life is the component's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={`dialog ${className ?? ''}`}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Escape: React decides when the dialog goes, so its state and the DOM never disagree.
        e.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => onCloseRef.current()}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {description && (
        <p id={descriptionId} className="dialog__description">
          {description}
        </p>
      )}
      {children}
    </dialog>
  );
}
