import { useI18n } from '../i18n/I18nProvider';
import { canReceiveReplies } from './sender-model';
import { useSenderText } from './writing-context';

/** A sender where the Banner shows one: its label with the address, and a note when customers cannot answer it. */
export function SenderFact({ address, label }: { readonly address: string; readonly label?: string | null }) {
  const { t } = useI18n();
  const text = useSenderText();
  return (
    <>
      <span data-testid="sender-text">{text(address, label)}</span>
      {!canReceiveReplies(address) && (
        <span className="field__note" data-testid="sender-no-reply">
          {' '}
          {t('writing.sender.noReply')}
        </span>
      )}
    </>
  );
}
