import { useState, type FormEvent, type RefObject } from 'react';
import { useFocusOnChange } from './pages/use-focus-on-change';
import { useRefusedAction, type RefusedAction } from './use-refused-action';

export interface ListEditorOptions<T, D> {
  /** The draft of a new item. */
  readonly blank: D;
  readonly draftOf: (item: T) => D;
  /** The request fields the form shows a refusal on, in the form's order. */
  readonly fields: readonly string[];
}

export interface ListEditor<T, D> extends Omit<RefusedAction, 'run' | 'clear'> {
  /** Bumped after each change, to load the list again. */
  readonly version: number;
  reload(): void;
  /** The item the form edits, null for a new one. */
  readonly editing: T | null;
  readonly draft: D;
  /** Changes with each new form (another item, or a blank one after a creation): resets what the form keeps itself. */
  readonly formKey: number;
  /** The form's heading: it takes the focus when the form turns to another item. */
  readonly formTitle: RefObject<HTMLHeadingElement | null>;
  edit(item: T | null): void;
  set(patch: Partial<D>): void;
  /** Creates or saves the draft; `message` words the success (`created`: it was new). */
  save(e: FormEvent, save: (editing: T | null) => Promise<T>, message: (saved: T, created: boolean) => string): Promise<void>;
}

/** A list with one form below it that creates an item, or edits the one chosen with Edit, and shows the API's refusals. */
export function useListEditor<T extends { readonly id: string }, D>({ blank, draftOf, fields }: ListEditorOptions<T, D>): ListEditor<T, D> {
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<T | null>(null);
  const [draft, setDraft] = useState<D>(blank);
  const [formKey, setFormKey] = useState(0);
  const action = useRefusedAction(fields);
  const formTitle = useFocusOnChange<HTMLHeadingElement>(editing?.id ?? '');

  const edit = (item: T | null) => {
    setEditing(item);
    setDraft(item ? draftOf(item) : blank);
    setFormKey((k) => k + 1);
    action.clear();
  };

  const save = async (e: FormEvent, save: (editing: T | null) => Promise<T>, message: (saved: T, created: boolean) => string) => {
    e.preventDefault();
    await action.run(async () => {
      const saved = await save(editing);
      if (editing) setEditing(saved);
      else {
        setDraft(blank);
        setFormKey((k) => k + 1);
      }
      setVersion((v) => v + 1);
      return message(saved, !editing);
    });
  };

  return {
    busy: action.busy,
    status: action.status,
    errorAt: action.errorAt,
    version,
    reload: () => setVersion((v) => v + 1),
    editing,
    draft,
    formKey,
    formTitle,
    edit,
    set: (patch) => setDraft((d) => ({ ...d, ...patch })),
    save,
  };
}
