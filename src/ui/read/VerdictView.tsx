/** A checked message (the banner itself is rendered by ReadView): alerts, actions, content and the full details. */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReadPaneApi, ReadPaneState } from '../host-api';
import { errorMessage } from '../common/errors';
import { NoticeRegion, useNotice } from '../common/notice';
import { ProgressIndicator, useProgress } from '../common/progress';
import { strings } from '../strings';
import { Attachments } from './Attachments';
import { EncryptionDetails } from './EncryptionDetails';
import { MessageFrame } from './MessageFrame';
import { ProtectedHeaders } from './ProtectedHeaders';
import { Section } from '../common/Section';
import { SignerDetails } from './SignerDetails';

type VerdictState = Extract<ReadPaneState, { kind: 'verdict' }>;

export function VerdictView({ state, api }: { state: VerdictState; api: ReadPaneApi }) {
  const { verdict, content } = state;
  const t = strings.read;
  const [notice, setNotice] = useNotice();
  const [saved, setSaved] = useState(false);
  const action = useProgress();
  // Unauthenticated (CBC) content may have been altered (EFAIL): prefer its plain-text part.
  const legacy = verdict.encryption.some((e) => !e.authenticated);
  const html = legacy && content?.text !== undefined ? undefined : content?.html;

  const perform = async (task: () => Promise<void>, done: string) => {
    try {
      await action.run(() => task());
      // Info, never success: only the verdict banner may look green in the read view.
      setNotice({ intent: 'info', text: done });
      return true;
    } catch (e) {
      setNotice({ intent: 'error', text: t.failed(errorMessage(e)) });
      return false;
    }
  };

  return (
    <>
      {state.certificateAlerts.map((alert, i) => (
        <MessageBar key={i} intent="warning" data-testid="certificate-alert">
          <MessageBarBody>{alert}</MessageBarBody>
        </MessageBar>
      ))}
      {state.canSaveSenderCertificate && !saved && (
        <div>
          <Button
            data-testid="save-sender-certificate"
            disabled={action.busy}
            onClick={async () => setSaved(await perform(() => api.saveSenderCertificate(), t.senderCertificateSaved))}
          >
            {t.saveSenderCertificate}
          </Button>
        </div>
      )}
      <ProgressIndicator busy={action.busy} progress={action.progress} />
      <NoticeRegion notice={notice} />
      {state.protectedHeaders && state.protectedHeaders.length > 0 && (
        <Section title={t.protectedHeaders} testId="protected-headers">
          <ProtectedHeaders headers={state.protectedHeaders} />
        </Section>
      )}
      {content && (content.html !== undefined || content.text !== undefined) && (
        <Section title={t.content}>
          <MessageFrame html={html} text={content.text} />
        </Section>
      )}
      {content && content.attachments.length > 0 && (
        <Section title={t.attachments}>
          <Attachments
            attachments={content.attachments}
            busy={action.busy}
            onSave={(a) => void perform(() => api.saveAttachment(a.id), t.attachmentSaved(a.name))}
          />
        </Section>
      )}
      {verdict.signers.length > 0 && (
        <Section title={t.signers} testId="signers">
          {verdict.signers.map((signer, i) => (
            <SignerDetails key={i} signer={signer} index={i} messageValid={verdict.status === 'valid'} />
          ))}
        </Section>
      )}
      <Section title={t.encryption} testId="encryption">
        <EncryptionDetails layers={verdict.encryption} />
      </Section>
      {verdict.warnings.length > 0 && (
        <Section title={t.warnings} testId="warnings">
          <ul>
            {verdict.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Section>
      )}
      {verdict.errors.length > 0 && (
        <Section title={t.errors} testId="errors">
          <ul>
            {verdict.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}
