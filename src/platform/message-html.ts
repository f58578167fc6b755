/**
 * Decrypted HTML is attacker-controlled. DOMPurify removes scripts and event handlers; the
 * hooks below also remove everything that would load or send anything (remote src/href,
 * url() in styles, forms), so opening a message makes no network request (EFAIL-style
 * exfiltration, tracking pixels). cid: images become data: URLs from the message itself.
 */
import DOMPurify, { type WindowLike } from 'dompurify';

const REMOTE = /^\s*(https?:|ftp:|\/\/|[a-z][a-z0-9+.-]*:\/\/)/i;
const CSS_URL = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
const URL_ATTRS = ['src', 'href', 'xlink:href', 'background', 'poster', 'action', 'formaction', 'srcset', 'ping', 'lowsrc', 'dynsrc', 'longdesc', 'cite'];

export interface SanitizeResult {
  html: string;
  /** How many remote references were removed (to tell the user). */
  blockedRemote: number;
}

function neutralizeCss(css: string, resolveCid: (cid: string) => string | undefined, count: () => void): string {
  return css.replace(CSS_IMPORT, () => (count(), '')).replace(CSS_URL, (_m, _q, url: string) => {
    if (/^data:/i.test(url)) return `url("${url}")`;
    const cid = /^cid:(.*)$/i.exec(url);
    const data = cid ? resolveCid(cid[1]) : undefined;
    if (data) return `url("${data}")`;
    count();
    return 'none';
  });
}

/** Maps a Content-ID (without <>) to a data: URL of the inline part, if present. */
export type CidResolver = (cid: string) => string | undefined;

/** How a host turns untrusted HTML into what the read view may show (tests pass a fake). */
export type HtmlSanitizer = (html: string, resolveCid: CidResolver) => string;

/** `win` is the page's window; the Thunderbird background passes its own. */
export function sanitizeMessageHtml(html: string, resolveCid: CidResolver = () => undefined, win: WindowLike = window): SanitizeResult {
  const purify = DOMPurify(win);
  let blockedRemote = 0;
  const count = () => {
    blockedRemote++;
  };
  purify.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName === 'STYLE' && node.textContent) node.textContent = neutralizeCss(node.textContent, resolveCid, count);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of URL_ATTRS) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      const cid = /^\s*cid:(.*)$/i.exec(value);
      if (cid && name === 'src') {
        const data = resolveCid(cid[1]);
        if (data) node.setAttribute('src', data);
        else node.removeAttribute(name);
      } else if (name === 'href' && /^\s*(mailto:|#)/i.test(value)) {
        continue;
      } else if (name === 'href' && REMOTE.test(value)) {
        // Links stay readable but inert: the URL is shown, never followed from the frame.
        node.removeAttribute(name);
        node.setAttribute('title', value);
      } else if (!/^\s*data:image\//i.test(value) || name !== 'src') {
        if (REMOTE.test(value)) count();
        node.removeAttribute(name);
      }
    }
    const style = node.getAttribute('style');
    if (style) node.setAttribute('style', neutralizeCss(style, resolveCid, count));
  });
  const clean = purify.sanitize(html, {
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'script', 'audio', 'video', 'source', 'track', 'picture', 'portal'],
    FORBID_ATTR: ['srcset', 'action', 'formaction', 'ping', 'background', 'poster'],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
  purify.removeAllHooks();
  return { html: String(clean), blockedRemote };
}
