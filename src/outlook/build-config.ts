/**
 * Deployment settings baked in by webpack (DefinePlugin `__SMIME_BUILD__`); tests and the
 * emulation see the defaults. Nothing secret lives here: it ships in every bundle.
 */
export interface BuildConfig {
  /** Policy OnNewMessageCompose applies ("sign", "sign,encrypt", "none"). */
  defaultPolicy: string;
  /** Entra app (client) id for nested app authentication; empty = NAA not configured. */
  clientId: string;
  /** Microsoft Graph base URL. */
  graphBase: string;
  /** Whether pages may take Office from a same-origin playground parent (never in production builds). */
  playground: boolean;
}

declare const __SMIME_BUILD__: BuildConfig | undefined;

const DEFAULTS: BuildConfig = { defaultPolicy: 'sign', clientId: '', graphBase: 'https://graph.microsoft.com/v1.0', playground: false };

export const BUILD: BuildConfig = typeof __SMIME_BUILD__ !== 'undefined' ? { ...DEFAULTS, ...__SMIME_BUILD__ } : DEFAULTS;
