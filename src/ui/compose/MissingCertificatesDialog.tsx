/** Send was blocked for lack of certificates: import one, fall back to signed only, or cancel. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { FilePicker } from '../common/FilePicker';
import { strings } from '../strings';

interface Props {
  addresses: string[];
  busy: boolean;
  onImport(file: File): void;
  onSendSignedOnly(): void;
  onCancel(): void;
}

export function MissingCertificatesDialog({ addresses, busy, onImport, onSendSignedOnly, onCancel }: Props) {
  const t = strings.compose;
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => !data.open && onCancel()}>
      <DialogSurface data-testid="missing-certificates">
        <DialogBody>
          <DialogTitle>{t.missingTitle}</DialogTitle>
          <DialogContent>
            <p>{t.missingIntro}</p>
            <ul>
              {addresses.map((a) => (
                <li key={a} data-testid="missing-address">
                  {a}
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions fluid>
            <FilePicker label={t.importCertificate} accept=".cer,.crt,.der,.pem,.p7b,.p7c" testId="missing-import-file" disabled={busy} onFile={onImport} />
            <Button data-testid="send-signed-only" disabled={busy} onClick={onSendSignedOnly}>
              {t.sendSignedOnly}
            </Button>
            <Button data-testid="missing-cancel" appearance="primary" disabled={busy} onClick={onCancel}>
              {t.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
