/**
 * DOMPurify configured for mail: no scripts, forms or styles that load anything, and every
 * attribute that would fetch a remote resource (tracking pixels, CSS url()) dropped.
 */
import DOMPurify, { type WindowLike } from 'dompurify';
import type { HtmlSanitizer } from './content';

const FETCHING = ['src', 'srcset', 'background', 'poster', 'action', 'formaction', 'xlink:href', 'lowsrc', 'dynsrc'];
const REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export function createSanitizer(window: WindowLike): HtmlSanitizer {
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of FETCHING) {
      const value = node.getAttribute(name);
      // Only embedded (data:/cid:) sources survive; anything with a scheme or host is remote.
      if (value !== null && REMOTE.test(value) && !/^\s*(?:data|cid):/i.test(value)) node.removeAttribute(name);
    }
    if (/url\s*\(/i.test(node.getAttribute('style') ?? '')) node.removeAttribute('style');
  });
  return (html) =>
    purify.sanitize(html, {
      FORBID_TAGS: ['style', 'link', 'meta', 'base', 'form', 'iframe', 'object', 'embed', 'svg', 'math'],
      ALLOW_DATA_ATTR: false,
    });
}
