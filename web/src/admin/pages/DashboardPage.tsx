// The delivery dashboard: a period and filters, the key figures, and charts each with its table.
import { useEffect, useId, useMemo, useState } from 'react';
import { useAsync } from '../../flows/use-async';
import { formatDuration, formatPercent } from '../../i18n/format-time';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import type { AdminPageProps } from '../admin-routes';
import { Chart } from '../dashboard/Chart';
import { dashboardCharts, type ChartTexts } from '../dashboard/chart-data';
import type { DashboardFilter } from '../dashboard/dashboard-api';
import { LoadFailed } from './LoadFailed';
import { UnhealthyNumbers } from '../dashboard/UnhealthyNumbers';
import '../dashboard/dashboard.css';

const PERIODS = [1, 7, 30, 90] as const;

export function DashboardPage({ api }: AdminPageProps) {
  const { t, lang, number: num } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState<DashboardFilter>({ days: 7, granularity: 'day', queueId: '', smsNumberId: '', agentId: '' });
  const [version, setVersion] = useState(0);
  const key = `${JSON.stringify(filter)}-${version}`;
  const data = useAsync(() => api.dashboard(filter), key);
  // The choices the caller may see (a supervisor: their queues, those queues' agents and numbers).
  const choices = useAsync(() => api.filterChoices(), 'dashboard-choices');
  // A printout shows every chart's table (print media emulated or the browser's print dialog).
  useEffect(() => {
    const open = () => document.querySelectorAll<HTMLDetailsElement>('.dash-chart__table').forEach((d) => (d.open = true));
    const print = window.matchMedia('print');
    const onChange = () => print.matches && open();
    window.addEventListener('beforeprint', open);
    print.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('beforeprint', open);
      print.removeEventListener('change', onChange);
    };
  }, []);
  const view = data.state === 'ready' ? data.value : null;
  const charts = useMemo(() => (view ? dashboardCharts(view, chartTexts(t)) : []), [view, t]);
  const set = (patch: Partial<DashboardFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const heading = `${id}-heading`;
  const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, lang));
  const secs = (x: number | null) => (x === null ? '—' : formatDuration(x * 1000, lang));
  const { queues, numbers, agents } = choices.state === 'ready' ? choices.value : { queues: [], numbers: [], agents: [] };
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t('dashboard.title')}</h2>
      <UnhealthyNumbers load={() => api.numberHealth()} refreshKey={String(version)} />
      <form className="dash-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <label>
          {t('dashboard.period')}{' '}
          <select value={filter.days} onChange={(e) => set({ days: Number(e.target.value), granularity: Number(e.target.value) <= 1 ? 'hour' : filter.granularity })}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('dashboard.lastDays', { days: d })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.granularity')}{' '}
          <select value={filter.granularity} onChange={(e) => set({ granularity: e.target.value === 'hour' ? 'hour' : 'day', days: e.target.value === 'hour' ? Math.min(filter.days, 30) : filter.days })}>
            <option value="hour">{t('dashboard.perHour')}</option>
            <option value="day">{t('dashboard.perDay')}</option>
          </select>
        </label>
        {queues.length > 0 && (
          <label>
            {t('dashboard.queue')}{' '}
            <select value={filter.queueId} onChange={(e) => set({ queueId: e.target.value })}>
              <option value="">{t('dashboard.all')}</option>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {numbers.length > 0 && (
          <label>
            {t('dashboard.number')}{' '}
            <select value={filter.smsNumberId} onChange={(e) => set({ smsNumberId: e.target.value })}>
              <option value="">{t('dashboard.all')}</option>
              {numbers.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label ? `${n.label} (${n.address})` : n.address}
                </option>
              ))}
            </select>
          </label>
        )}
        {agents.length > 0 && (
          <label>
            {t('dashboard.agent')}{' '}
            <select value={filter.agentId} onChange={(e) => set({ agentId: e.target.value })}>
              <option value="">{t('dashboard.all')}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="button" onClick={() => window.print()}>
          {t('dashboard.print')}
        </button>
      </form>
      {data.state === 'failed' && <LoadFailed refusal={data.refusal} onRetry={() => setVersion((v) => v + 1)} />}
      {data.state === 'loading' && <p>{t('app.loading')}</p>}
      {data.state === 'ready' && (
        <>
          <ul className="dash-tiles" data-testid="dashboard-totals">
            <Tile label={t('dashboard.sent')} value={num(data.value.totals.sent)} />
            <Tile label={t('dashboard.received')} value={num(data.value.totals.received)} />
            <Tile label={t('dashboard.deliveryRate')} value={pct(data.value.totals.deliveryRate)} />
            <Tile label={t('dashboard.p50')} value={secs(data.value.timeToDelivered.p50Seconds)} />
            <Tile label={t('dashboard.p95')} value={secs(data.value.timeToDelivered.p95Seconds)} />
            <Tile label={t('dashboard.credits')} value={num(data.value.totals.credits)} />
            <Tile label={t('dashboard.unicodeShare')} value={pct(data.value.totals.unicodeShare)} />
            <Tile label={t('dashboard.multipartShare')} value={pct(data.value.totals.multipartShare)} />
            <Tile label={t('dashboard.optOuts')} value={num(data.value.totals.optOuts)} />
          </ul>
          <div className="dash-charts">
            {charts.map((c) => (
              <Chart key={c.testId} spec={c} lang={lang} granularity={data.value.granularity} tableLabel={t('dashboard.showTable')} noData={t('dashboard.noData')} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function chartTexts(t: ReturnType<typeof useI18n>['t']): ChartTexts {
  return {
    sent: t('dashboard.sent'),
    received: t('dashboard.received'),
    delivered: t('dashboard.delivered'),
    failed: t('dashboard.failed'),
    deliveryRate: t('dashboard.deliveryRate'),
    credits: t('dashboard.credits'),
    optOuts: t('dashboard.optOuts'),
    p50: t('dashboard.median'),
    p95: t('dashboard.percentile95'),
    timeToDelivered: t('dashboard.timeToDelivered'),
    unicodeShare: t('dashboard.unicodeShare'),
    multipartShare: t('dashboard.multipartShare'),
    share: t('dashboard.shareOfSent'),
    noQueue: t('dashboard.noQueue'),
    noAgent: t('dashboard.noAgent'),
    reason: (r) => t(`sent.reason.${r}` as MessageKey),
    titles: {
      volume: t('dashboard.chart.volume'),
      deliveryRate: t('dashboard.chart.deliveryRate'),
      timeToDelivered: t('dashboard.chart.timeToDelivered'),
      failures: t('dashboard.chart.failures'),
      creditsByQueue: t('dashboard.chart.creditsByQueue'),
      creditsByAgent: t('dashboard.chart.creditsByAgent'),
      optOuts: t('dashboard.chart.optOuts'),
      costShares: t('dashboard.chart.costShares'),
    },
  };
}

function Tile({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <li>
      <span>{label}</span>
      <strong>{value}</strong>
    </li>
  );
}
