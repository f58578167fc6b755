/** One identity: label, addresses, expiry (warning under 30 days), TEST badge and actions. */
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { IdentityInfo } from '../host-api';
import { strings } from '../strings';

/** Below this many days the expiry is flagged, so the user renews before mail stops verifying. */
export const EXPIRY_WARNING_DAYS = 30;

const useStyles = makeStyles({
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function IdentityItem({ identity, busy, onExport, onDelete }: { identity: IdentityInfo; busy: boolean; onExport(): void; onDelete(): void }) {
  const s = useStyles();
  const t = strings.keys;
  const days = identity.expiresInDays;
  return (
    <li className={s.item} data-testid="identity" data-id={identity.id}>
      <Text weight="semibold">
        {identity.label}{' '}
        {identity.isTestIdentity && (
          <Badge appearance="filled" color="important" data-testid="test-badge" title={t.testTitle} aria-label={`${t.testBadge}: ${t.testTitle}`}>
            {t.testBadge}
          </Badge>
        )}
      </Text>
      <Text>{identity.emails.join(', ')}</Text>
      <Text data-testid="expiry">
        {t.expires(days)}{' '}
        {days < EXPIRY_WARNING_DAYS && (
          <Badge appearance="tint" color={days < 0 ? 'danger' : 'warning'} data-testid="expiry-warning">
            {days < 0 ? t.expired : t.expiringSoon}
          </Badge>
        )}
      </Text>
      <div className={s.actions}>
        <Button size="small" disabled={busy} onClick={onExport} aria-label={`${t.exportBackup}: ${identity.label}`}>
          {t.exportBackup}
        </Button>
        <Button size="small" disabled={busy} onClick={onDelete} aria-label={`${t.delete}: ${identity.label}`}>
          {t.delete}
        </Button>
      </div>
    </li>
  );
}
