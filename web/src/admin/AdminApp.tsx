// The administration area: a header with the way back to the Banner, the sections' navigation, and the page of the
// current section. Each page renders its own heading (h2, named like its link) and loads its own data.
import { useEffect, useRef, type ComponentType } from 'react';
import { LanguageSwitch } from '../banner/LanguageSwitch';
import { useI18n } from '../i18n/I18nProvider';
import type { Me } from '../api/types';
import type { AdminApi } from './admin-api';
import { BANNER_HREF, SECTION_TITLE, adminHref, type AdminPageProps, type AdminSection } from './admin-routes';
import { AgentsPage } from './pages/AgentsPage';
import { AuditPage } from './pages/AuditPage';
import { ContactsPage } from './pages/ContactsPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { NotAllowedPage } from './pages/NotAllowedPage';
import { sectionsFor } from './supervisor-sections';
import { CompliancePage } from './pages/CompliancePage';
import { CreditsPage } from './pages/CreditsPage';
import { InboxPage } from './pages/InboxPage';
import { LogPage } from './pages/LogPage';
import { DashboardPage } from './pages/DashboardPage';
import { NumbersPage } from './pages/NumbersPage';
import { OptOutsPage } from './pages/OptOutsPage';
import { ProfilesPage } from './pages/ProfilesPage';
import { ProviderPage } from './pages/ProviderPage';
import { QueuesPage } from './pages/QueuesPage';
import { ReviewPage } from './pages/ReviewPage';
import { SimulatorPage } from './pages/SimulatorPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { TokensPage } from './pages/TokensPage';

const PAGES: Readonly<Record<AdminSection, ComponentType<AdminPageProps>>> = {
  provider: ProviderPage,
  credits: CreditsPage,
  numbers: NumbersPage,
  templates: TemplatesPage,
  profiles: ProfilesPage,
  queues: QueuesPage,
  agents: AgentsPage,
  inbox: InboxPage,
  review: ReviewPage,
  'opt-outs': OptOutsPage,
  contacts: ContactsPage,
  tokens: TokensPage,
  simulator: SimulatorPage,
  audit: AuditPage,
  compliance: CompliancePage,
  log: LogPage,
  dashboard: DashboardPage,
  conversations: ConversationsPage,
};

export interface AdminAppProps {
  readonly api: AdminApi;
  readonly me: Me;
  readonly section: AdminSection;
  readonly onLogout: () => void;
}

export function AdminApp({ api, me, section, onLogout }: AdminAppProps) {
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const sections = sectionsFor(me.agent.role);
  // A supervisor who follows a link to a configuration page is told why it does not open.
  const Page = sections.includes(section) ? PAGES[section] : NotAllowedPage;

  // Moving to another section puts the focus on its heading, so a screen reader announces where the link led.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1, h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [section]);

  return (
    <div className="app admin">
      <header className="banner">
        <h1 className="banner__brand">{t('admin.title')}</h1>
        <a className="admin__back" href={BANNER_HREF} data-testid="admin-back">
          {t('admin.back')}
        </a>
        <div className="banner__tools">
          <LanguageSwitch />
          <button type="button" className="button" onClick={onLogout}>
            {t('banner.logout')}
          </button>
        </div>
      </header>
      <div className="admin__body">
        <nav className="admin__nav" aria-label={t('admin.title')}>
          <ul>
            {sections.map((s) => (
              <li key={s}>
                <a href={adminHref(s)} aria-current={s === section ? 'page' : undefined}>
                  {t(SECTION_TITLE[s])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="admin__main" ref={main} data-section={section}>
          <Page api={api} me={me} />
        </main>
      </div>
    </div>
  );
}
