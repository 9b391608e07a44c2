import { useTranslation } from '../../i18n';
import { useId, useState } from 'react';
import { canHandleDialLinks, offerDialLinkHandling } from '../../state/browser-integration';

export type DialLinksOffer = { readonly kind: 'idle' } | { readonly kind: 'asked'; readonly refused: readonly string[] };

export interface DialLinksSectionProps {
  readonly offer: DialLinksOffer;
  readonly onOffer: () => void;
}

/** Presentational: what the button does, and what the browser said when it was pressed. */
export function DialLinksSection({ offer, onOffer }: DialLinksSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="settings-form dial-links" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('dialLinks.title')}</h2>
      <p className="hint">{t('dialLinks.hint')}</p>
      <button type="button" className="secondary" onClick={onOffer}>
        {t('dialLinks.button')}
      </button>
      {offer.kind === 'asked' && (
        <p className="hint" role="status">
          {offer.refused.length === 0 ? t('dialLinks.asked') : t('dialLinks.refused', { schemes: offer.refused.join(', ') })}
        </p>
      )}
    </section>
  );
}

/**
 * Container: browser mode only, and only where the browser lets a page handle links. The browser
 * asks the agent itself, and only in answer to a click, so this is a button and never automatic.
 */
export function DialLinksPanel() {
  const [offer, setOffer] = useState<DialLinksOffer>({ kind: 'idle' });
  if (!canHandleDialLinks(window)) return null;
  return <DialLinksSection offer={offer} onOffer={() => setOffer({ kind: 'asked', refused: offerDialLinkHandling(window) })} />;
}
