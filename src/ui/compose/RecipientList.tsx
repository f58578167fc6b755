/** Each recipient with whether we hold a usable encryption certificate for them. */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { RecipientStatus } from '../host-api';
import { formatDate } from '../common/CertificateDetails';
import { strings } from '../strings';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  detail: { color: tokens.colorNeutralForeground3 },
});

export function RecipientList({ recipients }: { recipients: RecipientStatus[] }) {
  const s = useStyles();
  const t = strings.compose;
  if (recipients.length === 0) return <p>{t.noRecipients}</p>;
  return (
    <ul className={s.list} data-testid="recipients">
      {recipients.map((r) => (
        <li key={r.address} data-testid="recipient" data-has-certificate={r.certificate ? 'true' : 'false'}>
          <Badge appearance="tint" color={r.certificate ? 'informative' : 'warning'}>
            {r.certificate ? t.recipientOk : t.recipientMissing}
          </Badge>{' '}
          {r.address}
          {r.certificate && <span className={s.detail}> — {r.certificate.subject}, {strings.certificate.validity.toLowerCase()} {formatDate(r.certificate.notAfter)}</span>}
          {r.problem && <span className={s.detail}> — {r.problem}</span>}
        </li>
      ))}
    </ul>
  );
}
