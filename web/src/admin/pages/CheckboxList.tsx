import { AdminFieldError } from '../AdminFieldError';
import type { Refusal } from '../../errors/error-text';

export interface CheckboxOption {
  readonly id: string;
  readonly label: string;
}

export interface CheckboxListProps {
  /** Unique on the page: prefixes the checkboxes' ids. */
  readonly id: string;
  readonly legend: string;
  readonly options: readonly CheckboxOption[];
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (next: ReadonlySet<string>) => void;
  /** Shown instead of an empty list (e.g. "No SMS number yet"). */
  readonly empty: string;
  readonly refusal?: Refusal | null;
}

/** A whole list given to the API as ids (numbers, templates, members): a fieldset of labelled checkboxes. */
export function CheckboxList({ id, legend, options, chosen, onChange, empty, refusal }: CheckboxListProps) {
  const toggle = (optionId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(optionId);
    else next.delete(optionId);
    onChange(next);
  };
  const errorId = `${id}-error`;
  return (
    <fieldset className="field checks" aria-describedby={refusal ? errorId : undefined} data-testid={id}>
      <legend className="field__label">{legend}</legend>
      {options.length === 0 ? (
        <p className="field__help">{empty}</p>
      ) : (
        <ul className="checks__list">
          {options.map((o) => (
            <li key={o.id}>
              <label className="checks__item">
                <input type="checkbox" checked={chosen.has(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} /> {o.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      <AdminFieldError id={errorId} refusal={refusal} />
    </fieldset>
  );
}
