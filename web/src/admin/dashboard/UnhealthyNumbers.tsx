// The numbers failing now, above the Dashboard: which, how badly, since when. Nothing when all
// are healthy (or when the state cannot be read: the dashboard itself says why it failed).
import { useId } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import { When } from '../../i18n/When';
import type { NumberHealth } from './number-health-api';
import './number-health.css';

export function UnhealthyNumbers({ load, refreshKey }: { load: () => Promise<readonly NumberHealth[]>; refreshKey: string }) {
  const { t } = useI18n();
  const id = useId();
  const health = useAsync(load, `number-health-${refreshKey}`);
  const failing = health.state === 'ready' ? health.value.filter((n) => n.unhealthy) : [];
  if (failing.length === 0) return null;
  return (
    <section className="notice notice--warning dash-health" aria-labelledby={id} data-testid="unhealthy-numbers">
      <h3 id={id}>{t(failing.length === 1 ? 'numberHealth.bannerTitle.one' : 'numberHealth.bannerTitle.other', { count: failing.length })}</h3>
      <ul>
        {failing.map((n) => (
          <li key={n.smsNumberId}>
            <strong>{n.label ? `${n.label} (${n.number})` : n.number}</strong>{' '}
            {t('numberHealth.figures', { rate: Math.round(n.failureRate * 1000) / 10, reports: n.reports, threshold: n.threshold })}
            {n.changedAt && (
              <>
                {' '}
                {t('numberHealth.since')} <When at={n.changedAt} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
