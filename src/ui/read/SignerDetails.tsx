/** One signer: its own status, algorithms, signing time, certificate and chain (anchor → leaf). */
import { Badge, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { SignerReport } from '../../core/verdict';
import { CertificateDetails, formatDate } from '../common/CertificateDetails';
import { STATUS_LABELS, strings } from '../strings';
import { bannerIntent } from './intent';

const useStyles = makeStyles({
  signer: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  chain: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

// Badge colours follow the banner's intent mapping, so no signer badge is green unless valid.
const BADGE_COLOR = { success: 'success', warning: 'warning', error: 'danger' } as const;

/** `messageValid`: a signer badge is green only when the whole message is valid, so no green sits beside a red banner. */
export function SignerDetails({ signer, index, messageValid }: { signer: SignerReport; index: number; messageValid: boolean }) {
  const s = useStyles();
  const t = strings.read;
  const anchorFirst = [...signer.chain].reverse();
  return (
    <article className={s.signer} data-testid="signer" aria-label={t.signer(index + 1)}>
      <Subtitle2 as="h3">
        {t.signer(index + 1)}{' '}
        <Badge appearance="tint" color={signer.status === 'valid' && !messageValid ? 'informative' : BADGE_COLOR[bannerIntent(signer.status)]} data-testid="signer-status" data-status={signer.status}>
          {STATUS_LABELS[signer.status]}
        </Badge>
      </Subtitle2>
      <dl className={s.facts}>
        <dt className={s.term}>{t.digest}</dt>
        <dd className={s.value}>{signer.digestAlgorithm}</dd>
        <dt className={s.term}>{t.signature}</dt>
        <dd className={s.value}>{signer.signatureAlgorithm}</dd>
        <dt className={s.term}>{t.signingTime}</dt>
        <dd className={s.value}>{signer.signingTime ? formatDate(signer.signingTime) : t.noSigningTime}</dd>
      </dl>
      {signer.errors.length > 0 && (
        <>
          <strong>{t.signerErrors}</strong>
          <ul>
            {signer.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {signer.certificate ? <CertificateDetails certificate={signer.certificate} /> : <p>{t.noCertificate}</p>}
      {anchorFirst.length > 0 && (
        <>
          <strong>{t.chain}</strong>
          <ol className={s.chain} aria-label={t.chain} data-testid="chain">
            {anchorFirst.map((c) => (
              <li key={c.sha256Fingerprint}>{c.subject}</li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
