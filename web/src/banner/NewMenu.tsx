import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { usePhoneModulePrefetch } from '../recipient/use-phone-module-prefetch';

export interface NewMenuProps {
  readonly smsOffered: boolean;
  readonly onSms: () => void;
  /** The New button: where focus returns when the SMS flow closes. */
  readonly buttonRef: RefObject<HTMLButtonElement | null>;
}

/** New → channel (spec 1). SMS is listed only when the profile allows a mode (spec D3). */
export function NewMenu({ smsOffered, onSms, buttonRef }: NewMenuProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const first = useRef<HTMLButtonElement>(null);
  // The SMS flow's number check needs the numbering plan, left out of the first download: fetched once this shows.
  usePhoneModulePrefetch(smsOffered);

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const closeMenu = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      className="new-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          closeMenu();
        }
      }}
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button--primary"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="new-button"
        onClick={() => setOpen((o) => !o)}
      >
        {t('banner.new')}
      </button>
      {open && (
        <div id={panelId} className="new-menu__panel" role="group" aria-label={t('banner.newMenu')}>
          {smsOffered ? (
            <button
              ref={first}
              type="button"
              className="button new-menu__item"
              data-testid="new-sms"
              onClick={() => {
                setOpen(false);
                onSms();
              }}
            >
              {t('banner.channelSms')}
            </button>
          ) : (
            <p className="new-menu__empty" role="status" data-testid="no-channel">
              {t('banner.noChannel')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
