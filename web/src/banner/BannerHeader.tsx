import type { RefObject } from 'react';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { StreamStatus } from '../live/event-stream';
import { adminHref } from '../admin/admin-routes';
import { homeSection, reachesAdmin } from '../admin/supervisor-sections';
import { LanguageSwitch } from './LanguageSwitch';
import { LiveIndicator } from './LiveIndicator';
import { NewMenu } from './NewMenu';

export interface BannerHeaderProps {
  readonly me: Me;
  readonly agentName: string;
  readonly stream: StreamStatus;
  readonly smsOffered: boolean;
  readonly onNewSms: () => void;
  readonly onLogout: () => void;
  readonly newButtonRef: RefObject<HTMLButtonElement | null>;
}

/** The toolbar: who is signed in, the account's remaining credits, the agent's load, live state, New. */
export function BannerHeader({ me, agentName, stream, smsOffered, onNewSms, onLogout, newButtonRef }: BannerHeaderProps) {
  const { t, number } = useI18n();
  return (
    <header className="banner" aria-label={t('banner.label')}>
      <h1 className="banner__brand">{t('app.name')}</h1>
      <dl className="banner__facts">
        <div>
          <dt>{t('banner.agent')}</dt>
          <dd data-testid="agent-name">{agentName}</dd>
        </div>
        <div>
          <dt>{t('banner.credits')}</dt>
          <dd data-testid="credits">{number(me.credits)}</dd>
        </div>
        <div>
          <dt>{t('banner.load')}</dt>
          <dd data-testid="load">{t('banner.loadValue', { open: me.agent.load.openInteractions, max: me.agent.load.maxInteractions })}</dd>
        </div>
      </dl>
      <LiveIndicator status={stream} />
      {!me.providerConfigured && smsOffered && <p className="banner__warning">{t('banner.noProvider')}</p>}
      <div className="banner__tools">
        <NewMenu smsOffered={smsOffered} onSms={onNewSms} buttonRef={newButtonRef} />
        {reachesAdmin(me.agent.role) && (
          <a className="button" href={adminHref(homeSection(me.agent.role))} data-testid="admin-link">
            {t('banner.admin')}
          </a>
        )}
        <LanguageSwitch />
        <button type="button" className="button" onClick={onLogout} data-testid="logout">
          {t('banner.logout')}
        </button>
      </div>
    </header>
  );
}
