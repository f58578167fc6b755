/** The fields of one certificate, as a description list. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { CertificateSummary } from '../../core/verdict';
import { strings } from '../strings';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  mono: { margin: 0, overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace },
});

export function CertificateDetails({ certificate }: { certificate: CertificateSummary }) {
  const s = useStyles();
  const t = strings.certificate;
  return (
    <dl className={s.list}>
      <dt className={s.term}>{t.subject}</dt>
      <dd className={s.value}>{certificate.subject}</dd>
      <dt className={s.term}>{t.emails}</dt>
      <dd className={s.value}>{certificate.emails.length ? certificate.emails.join(', ') : t.none}</dd>
      <dt className={s.term}>{t.issuer}</dt>
      <dd className={s.value}>{certificate.issuer}</dd>
      <dt className={s.term}>{t.serial}</dt>
      <dd className={s.mono}>{certificate.serialNumber}</dd>
      <dt className={s.term}>{t.validity}</dt>
      <dd className={s.value}>{t.validityRange(formatDate(certificate.notBefore), formatDate(certificate.notAfter))}</dd>
      <dt className={s.term}>{t.fingerprint}</dt>
      <dd className={s.mono} data-testid="fingerprint">
        {certificate.sha256Fingerprint}
      </dd>
    </dl>
  );
}

/** ISO timestamps from the core; shown in UTC so every host prints the same value. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
