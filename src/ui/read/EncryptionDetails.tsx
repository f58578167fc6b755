/** Each encryption layer, outermost first; CBC is called out as legacy and unauthenticated. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { EncryptionReport } from '../../core/verdict';
import { strings } from '../strings';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
  legacy: { margin: 0, color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function EncryptionDetails({ layers }: { layers: EncryptionReport[] }) {
  const s = useStyles();
  const t = strings.read;
  if (layers.length === 0) return <p>{t.notEncrypted}</p>;
  return (
    <>
      {layers.map((layer, i) => (
        <dl key={i} className={s.facts} aria-label={t.encryptionLayer(i + 1)} data-testid="encryption-layer">
          <dt className={s.term}>{t.algorithm}</dt>
          <dd className={s.value}>{layer.contentAlgorithm}</dd>
          <dt className={s.term}>{t.protection}</dt>
          <dd className={layer.authenticated ? s.value : s.legacy} data-testid="encryption-mode">
            {layer.authenticated ? t.authenticated : t.legacy}
          </dd>
          <dt className={s.term}>{t.recipients}</dt>
          <dd className={s.value}>{layer.recipientCount}</dd>
          {layer.keyAlgorithm && (
            <>
              <dt className={s.term}>{t.keyAlgorithm}</dt>
              <dd className={s.value}>{layer.keyAlgorithm}</dd>
            </>
          )}
        </dl>
      ))}
    </>
  );
}
