// A labelled input with the API's refusal under it when the refusal names this field.
import { useId, type ReactNode } from 'react';
import type { Refusal } from '../../errors/error-text';
import { describedBy } from '../../ui/FieldError';
import { AdminFieldError } from '../AdminFieldError';
import { refusalIsFor } from '../admin-refusal';

export interface AdminFieldProps {
  readonly label: string;
  /** The request field (as the API names it in `details.field`). */
  readonly name: string;
  readonly refusal: Refusal | null;
  readonly help?: string;
  readonly children: (control: { readonly id: string; readonly 'aria-invalid': true | undefined; readonly 'aria-describedby': string | undefined }) => ReactNode;
}

export function AdminField({ label, name, refusal, help, children }: AdminFieldProps) {
  const id = useId();
  const mine = refusal && refusalIsFor(refusal, name) ? refusal : null;
  const helpId = help ? `${id}-help` : null;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': mine ? true : undefined, 'aria-describedby': describedBy(helpId, mine && errorId) })}
      {help && (
        <p className="field__help" id={helpId ?? undefined}>
          {help}
        </p>
      )}
      <AdminFieldError id={errorId} refusal={mine} />
    </div>
  );
}

/** The part of a refusal that no field of the form shows: above the form's buttons. */
export function FormRefusal({ refusal, fields }: { readonly refusal: Refusal | null; readonly fields: readonly string[] }) {
  const id = useId();
  const shownOnField = refusal !== null && fields.some((f) => refusalIsFor(refusal, f));
  return <AdminFieldError id={id} refusal={shownOnField ? null : refusal} />;
}
