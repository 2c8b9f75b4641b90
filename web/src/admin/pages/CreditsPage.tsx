// Credits: the balance, a top-up (with an optional note), an adjustment either way (with a required reason), and the
// ledger, newest first, a page at a time: who, when, why.
import { useCallback, useState, type FormEvent } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminPageProps } from '../admin-routes';
import type { LedgerEntry } from '../admin-types';
import { AdminField, FormRefusal } from './AdminField';
import { formatDateTime } from './format-date';
import { amountToSend, appendEntries, reasonView, whoView } from './credits-model';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

const PAGE = 20;

interface Ledger {
  readonly entries: readonly LedgerEntry[];
  readonly nextBefore: string | null;
}

export function CreditsPage({ api }: AdminPageProps) {
  const { t, credits } = useI18n();
  const loaded = useLoaded(useCallback(async () => {
    const [b, l] = await Promise.all([api.credits(), api.ledger({ limit: PAGE })]);
    return { balance: b.balance, ledger: l };
  }, [api]));
  // Older pages, appended below the first one (reset when the first page is loaded again).
  const [older, setOlder] = useState<{ readonly first: Ledger; readonly ledger: Ledger } | null>(null);
  const [moreRefusal, setMoreRefusal] = useState<Refusal | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const balance = loaded.data?.balance ?? null;
  const first = loaded.data?.ledger ?? null;
  const ledger = older && older.first === first ? older.ledger : first;
  const reload = async () => {
    await loaded.reload();
  };

  const more = async () => {
    if (!first || !ledger?.nextBefore) return;
    setLoadingMore(true);
    try {
      const next = await api.ledger({ limit: PAGE, before: ledger.nextBefore });
      setOlder({ first, ledger: { entries: appendEntries(ledger.entries, next.entries), nextBefore: next.nextBefore } });
      setMoreRefusal(null);
    } catch (e) {
      setMoreRefusal(toRefusal(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="admin-credits-heading">
      <h2 id="admin-credits-heading">{t('admin.section.credits')}</h2>
      <AdminFieldError id="admin-credits-load-error" refusal={loaded.refusal ?? moreRefusal} />
      <p className="admin-balance">
        {t('admin.credits.balance')} <strong data-testid="admin-balance">{balance === null ? '…' : credits(balance)}</strong>
      </p>
      <div className="admin-columns">
        <TopUpForm api={api} onDone={reload} />
        <AdjustmentForm api={api} onDone={reload} />
      </div>
      <LedgerTable entries={ledger?.entries ?? null} />
      {ledger?.nextBefore && (
        <button type="button" className="button" onClick={() => void more()} disabled={loadingMore}>
          {t('admin.credits.more')}
        </button>
      )}
    </section>
  );
}

function TopUpForm({ api, onDone }: Pick<AdminPageProps, 'api'> & { readonly onDone: () => Promise<void> }) {
  const { t, credits } = useI18n();
  return (
    <CreditChangeForm
      headingId="admin-topup-heading"
      heading={t('admin.credits.topUp')}
      amount={{ label: t('admin.credits.amount'), inputMode: 'numeric' }}
      text={{ name: 'note', label: t('admin.credits.note'), required: false }}
      submitLabel={t('admin.credits.topUpSubmit')}
      send={async (typed, note) => {
        // An amount that is not an integer goes as typed: the API's refusal names the field and why.
        const body = { ...(typed !== undefined ? { amount: typed } : {}), ...(note.trim() !== '' ? { note: note.trim() } : {}) } as { amount: number; note?: string };
        const r = await api.topUp(body);
        return t('admin.credits.toppedUp', { amount: credits(typeof typed === 'number' ? typed : 0), balance: credits(r.balance) });
      }}
      onDone={onDone}
    />
  );
}

function AdjustmentForm({ api, onDone }: Pick<AdminPageProps, 'api'> & { readonly onDone: () => Promise<void> }) {
  const { t, credits } = useI18n();
  return (
    <CreditChangeForm
      headingId="admin-adjust-heading"
      heading={t('admin.credits.adjust')}
      amount={{ label: t('admin.credits.adjustAmount'), help: t('admin.credits.adjustHelp'), inputMode: 'text' }}
      text={{ name: 'reason', label: t('admin.credits.reason'), required: true }}
      submitLabel={t('admin.credits.adjustSubmit')}
      send={async (typed, reason) => {
        const body = { ...(typed !== undefined ? { amount: typed } : {}), reason } as { amount: number; reason: string };
        const r = await api.adjust(body);
        return t('admin.credits.adjusted', { amount: typeof typed === 'number' ? (typed > 0 ? `+${typed}` : String(typed)) : '', balance: credits(r.balance) });
      }}
      onDone={onDone}
    />
  );
}

interface CreditChangeFormProps {
  readonly headingId: string;
  readonly heading: string;
  /** A top-up is a positive count; an adjustment may be signed. */
  readonly amount: { readonly label: string; readonly help?: string; readonly inputMode: 'numeric' | 'text' };
  /** The note of a top-up (optional) or the reason of an adjustment (required). */
  readonly text: { readonly name: 'note' | 'reason'; readonly label: string; readonly required: boolean };
  readonly submitLabel: string;
  /** Sends the change (the amount as `amountToSend` reads it); resolves with what the status line says. */
  readonly send: (typed: number | string | undefined, text: string) => Promise<string>;
  readonly onDone: () => Promise<void>;
}

/** A change of the balance: an amount and a line of text; emptied once the API has taken it. */
function CreditChangeForm({ headingId, heading, amount: amountField, text: textField, submitLabel, send, onDone }: CreditChangeFormProps) {
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const submit = useSubmit();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = amountToSend(amount);
    const ok = await submit.run(() => send(typed, text));
    if (ok) {
      setAmount('');
      setText('');
      await onDone();
    }
  };

  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <AdminField label={amountField.label} name="amount" refusal={submit.refusal} help={amountField.help}>
        {(p) => <input {...p} className="input" inputMode={amountField.inputMode} autoComplete="off" value={amount} onChange={(e) => (setAmount(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={textField.label} name={textField.name} refusal={submit.refusal}>
        {(p) => <input {...p} className="input" autoComplete="off" required={textField.required} value={text} onChange={(e) => (setText(e.target.value), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['amount', textField.name]} />
      <FormActions start submitLabel={submitLabel} busy={submit.busy} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}

function LedgerTable({ entries }: { readonly entries: readonly LedgerEntry[] | null }) {
  const { t, lang, number } = useI18n();
  return (
    <AdminTable
      look="plain"
      testId="ledger"
      caption={t('admin.credits.ledger')}
      columns={[t('admin.credits.when'), t('admin.credits.change'), t('admin.credits.why'), t('admin.credits.who'), t('admin.credits.message')]}
      empty={t('admin.credits.empty')}
      isEmpty={entries !== null && entries.length === 0}
    >
      {(entries ?? []).map((e) => {
        const why = reasonView(e.reason);
        const who = whoView(e);
        return (
          <tr key={e.id}>
            <td>
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            </td>
            <td className={`admin-table__num ${e.delta < 0 ? 'delta--out' : 'delta--in'}`}>{e.delta > 0 ? `+${number(e.delta)}` : number(e.delta)}</td>
            <td>{why.key === null ? why.text : t(why.key, { text: why.text ?? '' })}</td>
            <td>{'name' in who ? who.name : t('admin.credits.system')}</td>
            <td>{e.messageId ?? ''}</td>
          </tr>
        );
      })}
    </AdminTable>
  );
}
