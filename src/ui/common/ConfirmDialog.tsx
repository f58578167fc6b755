/** A modal yes/no question for destructive actions; Cancel is the default (first focus). */
import type { ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { strings } from '../strings';

interface Props {
  title: string;
  confirmLabel: string;
  children?: ReactNode;
  busy?: boolean;
  testId?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, confirmLabel, children, busy, testId, onConfirm, onCancel }: Props) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => !data.open && onCancel()}>
      <DialogSurface data-testid={testId}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={onCancel} data-testid="confirm-cancel">
              {strings.keys.cancel}
            </Button>
            <Button disabled={busy} onClick={onConfirm} data-testid="confirm-ok">
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
