/** The identity that will sign, or a way to get one. */
import { Link, Text } from '@fluentui/react-components';
import type { IdentityInfo } from '../host-api';
import { strings } from '../strings';

export function SigningIdentity({ identity, from, onManageKeys }: { identity?: IdentityInfo; from?: string; onManageKeys(): void }) {
  const t = strings.compose;
  if (!identity) {
    return (
      <Text data-testid="no-identity">
        {t.noIdentity(from)}
        <Link as="button" data-testid="go-to-keys" onClick={onManageKeys}>
          {t.importOne}
        </Link>
      </Text>
    );
  }
  return (
    <Text data-testid="signing-identity">
      {t.identityLine(identity.label, identity.certificate.emails[0] ?? identity.emails[0] ?? '')}
      {' — '}
      {strings.keys.expires(identity.expiresInDays)}
      {identity.isTestIdentity ? ` (${strings.keys.testBadge})` : ''}
    </Text>
  );
}
