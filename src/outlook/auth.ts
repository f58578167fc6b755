/**
 * Graph tokens: nested app authentication (MSAL's nestable client, detected at runtime with
 * NestedAppAuth 1.1) first, Office SSO second. MSAL is loaded on demand so the read path
 * does not pay for it. Tokens stay in memory (MSAL's default session cache), never in URLs.
 */
import { AuthenticationError } from './errors';
import type { OutlookFeatures } from './features';
import type { TokenProvider } from './graph';
import type { OfficeApi } from './office-port';

export interface AuthConfig {
  clientId: string;
  features: OutlookFeatures;
  office: Pick<OfficeApi, 'auth'>;
}

export function createTokenProvider(config: AuthConfig): TokenProvider {
  let naa: Promise<TokenProvider> | undefined;
  return {
    async getToken(scopes) {
      if (config.clientId && config.features.nestedAppAuth) {
        naa ??= nestedAppAuth(config.clientId);
        try {
          return await (await naa).getToken(scopes);
        } catch (err) {
          if (!config.office.auth) throw err;
        }
      }
      if (config.office.auth) {
        try {
          return await config.office.auth.getAccessToken({ allowSignInPrompt: true, forMSGraphAccess: true });
        } catch (err) {
          throw new AuthenticationError('Outlook did not provide a sign-in for sending. Save the message as .eml instead, or ask your administrator to consent to the add-in.', {
            cause: err,
          });
        }
      }
      throw new AuthenticationError('Sending through Microsoft Graph is not configured for this deployment. Save the message as .eml instead.');
    },
  };
}

async function nestedAppAuth(clientId: string): Promise<TokenProvider> {
  const msal = await import('@azure/msal-browser');
  const pca = await msal.createNestablePublicClientApplication({ auth: { clientId, authority: 'https://login.microsoftonline.com/common' } });
  return {
    async getToken(scopes) {
      try {
        return (await pca.acquireTokenSilent({ scopes })).accessToken;
      } catch {
        // Redirect APIs throw under NAA; a popup is the interactive fallback.
        return (await pca.acquireTokenPopup({ scopes })).accessToken;
      }
    },
  };
}

/** The playground's local Graph endpoint accepts any bearer token. */
export const playgroundTokens: TokenProvider = { getToken: async () => 'playground' };
