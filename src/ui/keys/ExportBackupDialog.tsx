/** Backup export needs a new passphrase typed twice (threat checklist E.39: explicit flow). */
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from '@fluentui/react-components';
import type { IdentityInfo } from '../host-api';
import { strings } from '../strings';

interface Props {
  identity: IdentityInfo;
  busy: boolean;
  onExport(passphrase: string): void;
  onCancel(): void;
}

export function ExportBackupDialog({ identity, busy, onExport, onCancel }: Props) {
  const t = strings.keys;
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!first) return setError(t.passphraseEmpty);
    if (first !== second) return setError(t.passphraseMismatch);
    setError(undefined);
    onExport(first);
  };
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface data-testid="export-dialog">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{t.exportTitle(identity.label)}</DialogTitle>
            <DialogContent>
              <p>{t.exportIntro}</p>
              <Field label={t.newPassphrase} required>
                <Input type="password" autoComplete="new-password" value={first} data-testid="export-pass1" onChange={(_e, d) => setFirst(d.value)} />
              </Field>
              <Field label={t.repeatPassphrase} required validationState={error ? 'error' : 'none'} validationMessage={error}>
                <Input type="password" autoComplete="new-password" value={second} data-testid="export-pass2" onChange={(_e, d) => setSecond(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={onCancel} disabled={busy}>
                {t.cancel}
              </Button>
              <Button type="submit" appearance="primary" disabled={busy} data-testid="export-confirm">
                {t.export}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
