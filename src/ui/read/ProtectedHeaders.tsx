/** The header fields the signer protected, shown instead of the host's unprotected Subject/From. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { strings } from '../strings';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  row: { display: 'contents' },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

export function ProtectedHeaders({ headers }: { headers: { name: string; value: string }[] }) {
  const s = useStyles();
  return (
    <>
      <p>{strings.read.protectedHeadersHint}</p>
      <dl className={s.facts}>
        {headers.map((h, i) => (
          <div key={i} className={s.row} data-testid="protected-header">
            <dt className={s.term}>{h.name}</dt>
            <dd className={s.value}>{h.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
