/**
 * Defence in depth for decrypted HTML (threat checklist E, EFAIL): the host already ran
 * DOMPurify, but the frame must stay safe even if a host forgets. Nothing may load from the
 * network, submit, navigate or run; links stay readable but inert.
 */
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';

/** Sent with the frame document; blocks what the sanitiser might miss. */
export const FRAME_CSP = "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'";

const FORBID_TAGS = ['form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'script', 'textarea', 'select', 'frame', 'frameset', 'portal'];
const FORBID_ATTR = ['action', 'formaction', 'ping', 'srcset', 'target', 'lowsrc', 'dynsrc', 'longdesc', 'cite', 'poster'];
const RESOURCE_ATTRS = ['src', 'background', 'data', 'href', 'xlink:href'];
const INLINE_IMAGE = /^\s*data:image\//i;

let purifier: Purifier | undefined;

/** A private instance, so our hooks never leak into a host's own DOMPurify use. */
function instance(): Purifier {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName === 'STYLE') node.textContent = scrubCss(node.textContent ?? '');
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.nodeName === 'A' || node.nodeName === 'AREA' || node.nodeName === 'a') makeLinkInert(node);
    for (const name of RESOURCE_ATTRS) {
      const value = node.getAttribute(name);
      if (value !== null && !INLINE_IMAGE.test(value) && !value.trim().startsWith('#')) node.removeAttribute(name);
    }
    const style = node.getAttribute('style');
    if (style !== null) {
      const clean = scrubCss(style);
      if (clean) node.setAttribute('style', clean);
      else node.removeAttribute('style');
    }
  });
  purifier = p;
  return p;
}

/** Removes the link target but shows it as text, so the reader can still see where it pointed. */
function makeLinkInert(link: Element): void {
  const href = link.getAttribute('href') ?? link.getAttribute('xlink:href');
  link.removeAttribute('href');
  link.removeAttribute('xlink:href');
  if (!href || href.startsWith('#') || link.nodeName === 'AREA') return;
  if ((link.textContent ?? '').trim() !== href.trim()) link.appendChild(link.ownerDocument.createTextNode(` [${href}]`));
}

/**
 * Keeps only data: URLs in CSS. Escapes, @import and image-set() can smuggle a URL past a
 * textual check, so any of them drops the whole style; the frame CSP is the second net.
 */
export function scrubCss(css: string): string {
  if (/\\|@import|image-set|image\(|cross-fade|element\(/i.test(css)) return '';
  return css.replace(/url\s*\(\s*(['"]?)([\s\S]*?)\1\s*\)/gi, (whole, _quote: string, url: string) =>
    INLINE_IMAGE.test(url) ? whole : 'none',
  );
}

export function sanitizeHtml(html: string): string {
  return instance().sanitize(html, { FORBID_TAGS, FORBID_ATTR, WHOLE_DOCUMENT: false, RETURN_TRUSTED_TYPE: false });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The whole frame document: our CSP first, then sanitised HTML or escaped text. */
export function frameDocument(content: { html?: string; text?: string }): string {
  const body =
    content.html !== undefined
      ? sanitizeHtml(content.html)
      : `<pre style="white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;margin:0">${escapeHtml(content.text ?? '')}</pre>`;
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<style>html{background:#fff;color:#000}body{font-family:system-ui,sans-serif;font-size:14px;margin:8px}</style>' +
    `</head><body>${body}</body></html>`
  );
}
