// The outcome of Test connection: success, or which problem and what to do about it, with the provider's own
// explanation (its words, as the server received them).
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import type { ConnectionProblem, ConnectionTestResult } from '../admin-types';

const PROBLEM: Readonly<Record<ConnectionProblem, MessageKey>> = {
  credentials: 'admin.provider.problem.credentials',
  unreachable: 'admin.provider.problem.unreachable',
  unsupported: 'admin.provider.problem.unsupported',
  unexpected: 'admin.provider.problem.unexpected',
  invalid_settings: 'admin.provider.problem.invalid_settings',
  not_configured: 'admin.provider.problem.not_configured',
};

export function ConnectionResult({ result }: { readonly result: ConnectionTestResult | null }) {
  const { t } = useI18n();
  const state = result === null ? 'none' : result.ok ? 'ok' : result.problem;
  return (
    <div role="status" className={`connection connection--${result === null ? 'none' : result.ok ? 'ok' : 'failed'}`} data-testid="connection-result" data-result={state}>
      {result !== null &&
        (result.ok ? (
          <p>{t('admin.provider.testOk')}</p>
        ) : (
          <>
            <p>{Object.hasOwn(PROBLEM, result.problem) ? t(PROBLEM[result.problem]) : t('admin.provider.problem.unexpected')}</p>
            {result.reason !== '' && <p className="connection__reason">{t('admin.provider.problemReason', { reason: result.reason })}</p>}
          </>
        ))}
    </div>
  );
}
