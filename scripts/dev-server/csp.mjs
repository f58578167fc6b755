// The Content-Security-Policy every page sends (as <meta> and as a response header).
// Scripts: our own files and office.js from Microsoft's CDN only; no eval, no inline script.
export const OFFICE_HOSTS = [
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://outlook.live.com',
  'https://*.officeapps.live.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
];

const BASE = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Fluent UI injects style elements at run time; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // Graph, MSAL, office.js telemetry and certificate revocation (CRL/OCSP are often plain http).
  "connect-src 'self' https: http:",
  "frame-src 'self' blob: https://login.microsoftonline.com",
];

/** For <meta>: browsers ignore frame-ancestors there, so it is left to the header. */
export function cspMeta() {
  return BASE.join('; ');
}

/** For the response header; the dev server also lets the playground (same origin) frame pages. */
export function cspHeader({ production }) {
  const ancestors = production ? OFFICE_HOSTS : ["'self'", ...OFFICE_HOSTS];
  return [...BASE, `frame-ancestors ${ancestors.join(' ')}`].join('; ');
}

export function securityHeaders({ production }) {
  return {
    'Content-Security-Policy': cspHeader({ production }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
