import { useState, type FormEvent } from 'react';
import { useSubmit, type Submit } from './pages/use-submit';

export interface ItemForm<T, F> {
  readonly form: F;
  readonly submit: Submit;
  /** Changes some fields; the last outcome no longer describes the form. */
  set(patch: Partial<F>): void;
  /** Creates or saves; after a creation the form is blank again, ready for the next one. */
  save(e: FormEvent, action: () => Promise<T>, message: (saved: T) => string): Promise<void>;
}

/**
 * The form that adds an item or edits the one chosen (`editing`), keyed by that item so that it starts from it:
 * its fields, the submission's refusal or success, and what happens once the API has accepted it.
 */
export function useItemForm<T, F>(editing: T | null, formOf: (item: T | null) => F, onSaved: (saved: T) => Promise<void>): ItemForm<T, F> {
  const [form, setForm] = useState<F>(() => formOf(editing));
  const submit = useSubmit();
  const set = (patch: Partial<F>) => {
    setForm({ ...form, ...patch });
    submit.reset();
  };
  const save = async (e: FormEvent, action: () => Promise<T>, message: (saved: T) => string) => {
    e.preventDefault();
    const result: { saved?: T } = {};
    const ok = await submit.run(async () => {
      const saved = await action();
      result.saved = saved;
      return message(saved);
    });
    if (ok && result.saved !== undefined) {
      if (!editing) setForm(formOf(null));
      await onSaved(result.saved);
    }
  };
  return { form, submit, set, save };
}
