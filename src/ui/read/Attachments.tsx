/** Decrypted attachments, each with its own labelled Save button. */
import { Button } from '@fluentui/react-components';
import type { AttachmentInfo } from '../host-api';
import { strings } from '../strings';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function Attachments({ attachments, busy, onSave }: { attachments: AttachmentInfo[]; busy: boolean; onSave(a: AttachmentInfo): void }) {
  return (
    <ul data-testid="attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          {a.name} ({a.contentType}, {formatSize(a.size)}){' '}
          <Button size="small" disabled={busy} aria-label={strings.read.saveAttachment(a.name)} onClick={() => onSave(a)}>
            {strings.read.save}
          </Button>
        </li>
      ))}
    </ul>
  );
}
