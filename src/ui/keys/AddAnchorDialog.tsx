/** Trusting an anchor: show its SHA-256 fingerprint and require an explicit confirmation. */
import { useState } from 'react';
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import { strings } from '../strings';

const useStyles = makeStyles({
  fp: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  fileName: string;
  fingerprint: string;
  busy: boolean;
  onTrust(): void;
  onCancel(): void;
}

export function AddAnchorDialog({ fileName, fingerprint, busy, onTrust, onCancel }: Props) {
  const s = useStyles();
  const t = strings.keys;
  const [confirmed, setConfirmed] = useState(false);
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface data-testid="anchor-dialog">
        <DialogBody>
          <DialogTitle>{t.anchorTitle}</DialogTitle>
          <DialogContent>
            <p>{fileName}</p>
            <p>{t.anchorIntro}</p>
            <p className={s.fp} data-testid="anchor-fingerprint">
              {fingerprint}
            </p>
            <Checkbox data-testid="anchor-confirm" label={t.anchorConfirm} checked={confirmed} onChange={(_e, d) => setConfirmed(d.checked === true)} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onCancel} disabled={busy}>
              {t.cancel}
            </Button>
            <Button data-testid="anchor-trust" disabled={busy || !confirmed} onClick={onTrust}>
              {t.trust}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
