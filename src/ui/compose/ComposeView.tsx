/** Compose: protection policy, signing identity, recipients' certificates and the secure send. */
import { useCallback, useEffect, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ComposeApi, ComposePolicy, IdentityInfo, KeysApi, ProgressListener, RecipientStatus, SendResult } from '../host-api';
import { errorMessage } from '../common/errors';
import { readFileBytes } from '../common/files';
import { NoticeRegion, useNotice, type Notice } from '../common/notice';
import { ProgressIndicator, useProgress } from '../common/progress';
import { Section } from '../common/Section';
import { strings } from '../strings';
import { MissingCertificatesDialog } from './MissingCertificatesDialog';
import { PolicyToggles } from './PolicyToggles';
import { RecipientList } from './RecipientList';
import { SigningIdentity } from './SigningIdentity';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalM } });

interface Loaded {
  policy: ComposePolicy;
  identity?: IdentityInfo;
  from?: string;
  recipients: RecipientStatus[];
}

export function ComposeView({ api, keys, onManageKeys }: { api: ComposeApi; keys: KeysApi; onManageKeys(): void }) {
  const s = useStyles();
  const t = strings.compose;
  const [data, setData] = useState<Loaded>();
  const [missing, setMissing] = useState<string[]>();
  const [notice, setNotice] = useNotice();
  const work = useProgress();
  const { run } = work;

  const load = useCallback(async () => {
    try {
      const [policy, identity, recipients, from] = await run(() =>
        Promise.all([api.getPolicy(), api.signingIdentity(), api.checkRecipients(), api.fromAddress?.()]),
      );
      setData({ policy, identity, recipients, from });
    } catch (e) {
      setNotice({ intent: 'error', text: errorMessage(e) });
    }
  }, [api, run, setNotice]);

  useEffect(() => void load(), [load]);
  useEffect(() => api.onRecipientsChanged?.(() => void load()), [api, load]);

  const changePolicy = async (policy: ComposePolicy) => {
    if (!data) return;
    const previous = data.policy;
    setData({ ...data, policy });
    try {
      await api.setPolicy(policy);
    } catch (e) {
      setData((d) => d && { ...d, policy: previous });
      setNotice({ intent: 'error', text: errorMessage(e) });
    }
  };

  const finish = (result: SendResult) => {
    if (result.kind === 'blocked' && result.missingCertificates?.length) {
      setMissing(result.missingCertificates);
      setNotice(undefined);
      return;
    }
    setMissing(undefined);
    setNotice(resultNotice(result));
  };

  const submit = async (task: (onProgress: ProgressListener) => Promise<SendResult>) => {
    setNotice(undefined);
    try {
      finish(await run((onProgress) => task(onProgress)));
    } catch (e) {
      setMissing(undefined);
      setNotice({ intent: 'error', text: errorMessage(e) });
    }
  };

  const importForMissing = async (file: File) => {
    try {
      const imported = await run(async () => keys.importCertificates(await readFileBytes(file)));
      const recipients = await api.checkRecipients();
      setData((d) => d && { ...d, recipients });
      setMissing(undefined);
      setNotice({ intent: 'info', text: t.imported(imported.length) });
    } catch (e) {
      setMissing(undefined);
      setNotice({ intent: 'error', text: strings.keys.failed(errorMessage(e)) });
    }
  };

  if (!data) {
    return (
      <div data-testid="compose-view" aria-busy="true">
        <ProgressIndicator busy={work.busy} progress={work.progress} label={t.loading} />
        <NoticeRegion notice={notice} />
      </div>
    );
  }

  return (
    <div data-testid="compose-view">
      <Section title={t.policy}>
        <PolicyToggles policy={data.policy} disabled={work.busy} onChange={(p) => void changePolicy(p)} />
      </Section>
      <Section title={t.identity}>
        <SigningIdentity identity={data.identity} from={data.from} onManageKeys={onManageKeys} />
      </Section>
      <Section title={t.recipients}>
        <RecipientList recipients={data.recipients} />
      </Section>
      <div className={s.actions}>
        <Button appearance="primary" data-testid="send-securely" disabled={work.busy} onClick={() => void submit((p) => api.sendSecurely({}, p))}>
          {t.send}
        </Button>
        <Button data-testid="save-eml" disabled={work.busy} onClick={() => void submit((p) => api.saveAsEml(p))}>
          {t.saveEml}
        </Button>
      </div>
      <ProgressIndicator busy={work.busy} progress={work.progress} label={t.sending} />
      <NoticeRegion notice={notice} testId="send-result" />
      {missing && (
        <MissingCertificatesDialog
          addresses={missing}
          busy={work.busy}
          onImport={(file) => void importForMissing(file)}
          onSendSignedOnly={() => void submit((p) => api.sendSecurely({ signOnlyIfMissingCertificates: true }, p))}
          onCancel={() => setMissing(undefined)}
        />
      )}
    </div>
  );
}

function resultNotice(result: SendResult): Notice {
  switch (result.kind) {
    case 'sent':
      return { intent: 'success', text: strings.compose.sent };
    case 'saved-eml':
      return { intent: 'success', text: strings.compose.saved(result.fileName) };
    case 'blocked':
      return { intent: 'error', text: strings.compose.blocked(result.reason) };
  }
}
