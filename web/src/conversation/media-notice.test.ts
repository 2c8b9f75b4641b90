import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ThreadMessage } from '../api/types';
import { I18nProvider } from '../i18n/I18nProvider';
import { translate } from '../i18n/translate';
import { mediaNotice } from './media-notice';
import { ThreadView } from './ThreadView';

const picture = { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' };
const inbound = (over: Partial<ThreadMessage>): ThreadMessage => ({
  id: 'm1',
  direction: 'in',
  status: 'received',
  from: '+33612345678',
  to: '+33757000001',
  body: '',
  createdAt: '2026-01-01T10:00:00Z',
  ...over,
});

describe('a message that carried media', () => {
  it('says a picture arrived and is not displayed, with the count when several', () => {
    const one = mediaNotice({ media: [picture] });
    const three = mediaNotice({ media: [picture, picture, picture] });
    expect(one && translate('en', one.key, one.vars)).toBe('Picture received, not displayed');
    expect(one && translate('fr', one.key, one.vars)).toBe('Image reçue, non affichée');
    expect(three && translate('en', three.key, three.vars)).toBe('3 pictures received, not displayed');
    expect(three && translate('fr', three.key, three.vars)).toBe('3 images reçues, non affichées');
  });

  it('says nothing for a message without media', () => {
    expect(mediaNotice({})).toBeNull();
    expect(mediaNotice({ media: null })).toBeNull();
    expect(mediaNotice({ media: [] })).toBeNull();
  });

  it('shows the line in the thread under a picture-only reply, and none under a text', () => {
    // Rendered in Node: the browser's language preference is the one thing the page reads from its window.
    vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
    const html = renderToStaticMarkup(
      createElement(I18nProvider, null, createElement(ThreadView, { messages: [inbound({ media: [picture] }), inbound({ id: 'm2', body: 'Thanks' })] })),
    );
    expect(html.match(/data-testid="media-notice"/g)).toHaveLength(1);
    expect(html).toContain('>Picture received, not displayed</p>');
    vi.unstubAllGlobals();
  });
});
