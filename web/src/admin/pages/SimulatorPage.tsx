// Trying every flow from the browser: a customer's SMS from any number with any text (STOP included), the outcome
// of the next sends and the customer's automatic answer (simulator provider only), and a voice call started for
// an agent, so that "SMS from a voice call" can be tried without a telephony integration.
import { useCallback, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { AdminFieldError } from '../AdminFieldError';
import { AdminTable } from '../AdminTable';
import { FormActions } from '../FormActions';
import { FormStatus } from '../FormStatus';
import type { AdminApi } from '../admin-api';
import type { AdminPageProps } from '../admin-routes';
import type { AdminAgent, SimulatorBehaviour, SimulatorOutcome, SimulatorView } from '../admin-types';
import { AdminField, FormRefusal } from './AdminField';
import { useLoaded } from './use-loaded';
import { useSubmit } from './use-submit';

const OUTCOMES: readonly SimulatorOutcome[] = ['random', 'delivered', 'undelivered', 'failed', 'rejected'];
const OUTCOME_LABEL: Readonly<Record<SimulatorOutcome, MessageKey>> = {
  random: 'admin.simulator.outcome.random',
  delivered: 'admin.simulator.outcome.delivered',
  undelivered: 'admin.simulator.outcome.undelivered',
  failed: 'admin.simulator.outcome.failed',
  rejected: 'admin.simulator.outcome.rejected',
};

export function SimulatorPage({ api }: AdminPageProps) {
  const { t } = useI18n();
  const loaded = useLoaded(useCallback(async () => {
    const [view, agents, calls] = await Promise.all([api.simulator(), api.agents(), api.demoCalls()]);
    return { view, agents, calls };
  }, [api]));
  const data = loaded.data;
  const reload = async () => {
    await loaded.reload();
  };
  return (
    <section aria-labelledby="admin-simulator-heading">
      <h2 id="admin-simulator-heading">{t('admin.section.simulator')}</h2>
      <AdminFieldError id="admin-simulator-load-error" refusal={loaded.refusal} />
      {data && !data.view.active && (
        <p className="notice" data-testid="simulator-inactive">
          {t('admin.simulator.inactive')}
        </p>
      )}
      {data?.view.active && data.view.behaviour && (
        <div className="admin-columns">
          <InboundForm api={api} view={data.view} />
          <BehaviourForm api={api} behaviour={data.view.behaviour} onDone={reload} />
        </div>
      )}
      {data && <DemoCalls api={api} agents={data.agents} calls={data.calls} onDone={reload} />}
    </section>
  );
}

function InboundForm({ api, view }: { readonly api: AdminApi; readonly view: SimulatorView }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('+33612345678');
  const [numberId, setNumberId] = useState(view.numbers[0]?.id ?? '');
  const [text, setText] = useState('');
  const submit = useSubmit();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const r = await api.simulateInbound({ from, numberId, text });
      return t(`admin.simulator.received.${r.route}`);
    });
    if (ok) setText('');
  };
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-sim-inbound-heading" data-testid="simulator-inbound">
      <h3 id="admin-sim-inbound-heading">{t('admin.simulator.inbound')}</h3>
      <AdminField label={t('admin.simulator.from')} name="from" refusal={submit.refusal} help={t('admin.simulator.fromHelp')}>
        {(p) => <input {...p} className="input" autoComplete="off" value={from} onChange={(e) => (setFrom(e.target.value), submit.reset())} />}
      </AdminField>
      <AdminField label={t('admin.simulator.to')} name="numberId" refusal={submit.refusal}>
        {(p) => (
          <select {...p} className="input" value={numberId} onChange={(e) => (setNumberId(e.target.value), submit.reset())}>
            {view.numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.address}
              </option>
            ))}
          </select>
        )}
      </AdminField>
      <AdminField label={t('admin.simulator.text')} name="text" refusal={submit.refusal} help={t('admin.simulator.textHelp')}>
        {(p) => <textarea {...p} className="input" rows={3} value={text} onChange={(e) => (setText(e.target.value), submit.reset())} />}
      </AdminField>
      <FormRefusal refusal={submit.refusal} fields={['from', 'numberId', 'text']} />
      <FormActions start submitLabel={t('admin.simulator.send')} busy={submit.busy} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}

function BehaviourForm({ api, behaviour, onDone }: { readonly api: AdminApi; readonly behaviour: SimulatorBehaviour; readonly onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<SimulatorOutcome>(behaviour.outcome);
  const [delay, setDelay] = useState(String(behaviour.deliveryDelayMs / 1000));
  const [replies, setReplies] = useState(behaviour.autoReply !== null);
  const [replyText, setReplyText] = useState(behaviour.autoReply?.text ?? t('admin.simulator.replyDefault'));
  const [replyDelay, setReplyDelay] = useState(String((behaviour.autoReply?.delayMs ?? 3000) / 1000));
  const submit = useSubmit();
  // Seconds as typed; what is not a number goes as it is and the API's refusal names the field.
  const ms = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Math.round(Number(s) * 1000) : (s as unknown as number));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      await api.setSimulatorBehaviour({ outcome, deliveryDelayMs: ms(delay), autoReply: replies ? { text: replyText, delayMs: ms(replyDelay) } : null });
      return t('admin.simulator.saved');
    });
    if (ok) await onDone();
  };
  return (
    <form className="admin-form admin-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-sim-behaviour-heading" data-testid="simulator-behaviour">
      <h3 id="admin-sim-behaviour-heading">{t('admin.simulator.behaviour')}</h3>
      <AdminField label={t('admin.simulator.outcome')} name="outcome" refusal={submit.refusal}>
        {(p) => (
          <select {...p} className="input" value={outcome} onChange={(e) => (setOutcome(e.target.value as SimulatorOutcome), submit.reset())}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(OUTCOME_LABEL[o])}
              </option>
            ))}
          </select>
        )}
      </AdminField>
      <AdminField label={t('admin.simulator.delay')} name="deliveryDelayMs" refusal={submit.refusal}>
        {(p) => <input {...p} className="input" inputMode="decimal" autoComplete="off" value={delay} onChange={(e) => (setDelay(e.target.value), submit.reset())} />}
      </AdminField>
      <div className="field">
        <label className="checks__item">
          <input type="checkbox" checked={replies} onChange={(e) => (setReplies(e.target.checked), submit.reset())} /> {t('admin.simulator.autoReply')}
        </label>
      </div>
      {replies && (
        <>
          <AdminField label={t('admin.simulator.replyText')} name="autoReply.text" refusal={submit.refusal}>
            {(p) => <input {...p} className="input" autoComplete="off" value={replyText} onChange={(e) => (setReplyText(e.target.value), submit.reset())} />}
          </AdminField>
          <AdminField label={t('admin.simulator.replyDelay')} name="autoReply.delayMs" refusal={submit.refusal}>
            {(p) => <input {...p} className="input" inputMode="decimal" autoComplete="off" value={replyDelay} onChange={(e) => (setReplyDelay(e.target.value), submit.reset())} />}
          </AdminField>
        </>
      )}
      <FormRefusal refusal={submit.refusal} fields={['outcome', 'deliveryDelayMs', 'autoReply.text', 'autoReply.delayMs']} />
      <FormActions start submitLabel={t('admin.simulator.save')} busy={submit.busy} />
      <FormStatus quiet text={submit.done ?? ''} />
    </form>
  );
}

interface DemoCallsProps {
  readonly api: AdminApi;
  readonly agents: readonly AdminAgent[];
  readonly calls: readonly { readonly id: string; readonly agentName: string; readonly customerNumber: string }[];
  readonly onDone: () => Promise<void>;
}

function DemoCalls({ api, agents, calls, onDone }: DemoCallsProps) {
  const { t } = useI18n();
  const [agentId, setAgentId] = useState(agents[0]?.id ?? '');
  const [number, setNumber] = useState('+33612345678');
  const submit = useSubmit();
  const ending = useSubmit();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const c = await api.startDemoCall({ agentId, customerNumber: number });
      return t('admin.simulator.callStarted', { name: c.agentName, number: c.customerNumber });
    });
    if (ok) await onDone();
  };
  const end = async (id: string) => {
    if (await ending.run(async () => (await api.endDemoCall(id), t('admin.simulator.callEnded')))) await onDone();
  };
  return (
    <div className="admin-panel" data-testid="demo-calls">
      <form className="admin-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-demo-call-heading">
        <h3 id="admin-demo-call-heading">{t('admin.simulator.call')}</h3>
        <p className="field__help">{t('admin.simulator.callHelp')}</p>
        <AdminField label={t('admin.simulator.agent')} name="agentId" refusal={submit.refusal}>
          {(p) => (
            <select {...p} className="input" value={agentId} onChange={(e) => (setAgentId(e.target.value), submit.reset())}>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </AdminField>
        <AdminField label={t('admin.simulator.customer')} name="customerNumber" refusal={submit.refusal}>
          {(p) => <input {...p} className="input" autoComplete="off" value={number} onChange={(e) => (setNumber(e.target.value), submit.reset())} />}
        </AdminField>
        <FormRefusal refusal={submit.refusal} fields={['agentId', 'customerNumber']} />
        <FormActions start submitLabel={t('admin.simulator.startCall')} busy={submit.busy} />
        <FormStatus quiet text={submit.done ?? ''} />
      </form>
      <AdminTable
        look="plain"
        testId="active-calls"
        caption={t('admin.simulator.calls')}
        columns={[t('admin.simulator.agent'), t('admin.simulator.customer'), '']}
        empty={t('admin.simulator.noCalls')}
        isEmpty={calls.length === 0}
      >
        {calls.map((c) => (
          <tr key={c.id}>
            <td>{c.agentName}</td>
            <td>{c.customerNumber}</td>
            <td>
              <button type="button" className="button button--small" onClick={() => void end(c.id)} aria-label={t('admin.simulator.endCallLabel', { number: c.customerNumber, name: c.agentName })}>
                {t('admin.simulator.endCall')}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      <FormRefusal refusal={ending.refusal} fields={[]} />
      <FormStatus quiet text={ending.done ?? ''} />
    </div>
  );
}
