/** Your identities: list, import PKCS#12, create a test identity, export a backup, delete. */
import { useCallback, useState } from 'react';
import { Divider, makeStyles, tokens } from '@fluentui/react-components';
import type { IdentityInfo, KeysApi } from '../host-api';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { errorMessage } from '../common/errors';
import { downloadBytes } from '../common/files';
import { NoticeRegion, useNotice } from '../common/notice';
import { ProgressIndicator, useProgress } from '../common/progress';
import { Section } from '../common/Section';
import { strings } from '../strings';
import { CreateTestIdentityForm } from './CreateTestIdentityForm';
import { ExportBackupDialog } from './ExportBackupDialog';
import { IdentityItem } from './IdentityItem';
import { ImportPkcs12Form } from './ImportPkcs12Form';
import { useList } from './use-list';

const useStyles = makeStyles({ list: { margin: 0, paddingLeft: 0, listStyle: 'none' }, sub: { marginTop: tokens.spacingVerticalS } });

export function IdentitiesSection({ api }: { api: KeysApi }) {
  const s = useStyles();
  const t = strings.keys;
  const [notice, setNotice] = useNotice();
  const work = useProgress();
  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: t.failed(errorMessage(e)) }), [setNotice, t]);
  const load = useCallback(() => api.listIdentities(), [api]);
  const [identities, reload] = useList(load, fail);
  const [exporting, setExporting] = useState<IdentityInfo>();
  const [deleting, setDeleting] = useState<IdentityInfo>();
  const run = <T,>(task: () => Promise<T>) => work.run(() => task());

  const doExport = async (identity: IdentityInfo, passphrase: string) => {
    try {
      const bytes = await run(() => api.exportBackup(identity.id, passphrase));
      const file = `${identity.label.replace(/[^\w.@-]+/g, '_')}.p12`;
      downloadBytes(bytes, file, 'application/x-pkcs12');
      setNotice({ intent: 'success', text: t.exported(file) });
    } catch (e) {
      fail(e);
    }
    setExporting(undefined);
  };

  const doDelete = async (identity: IdentityInfo) => {
    try {
      await run(() => api.deleteIdentity(identity.id));
      setNotice({ intent: 'success', text: t.deleted(identity.label) });
      await reload();
    } catch (e) {
      fail(e);
    }
    setDeleting(undefined);
  };

  return (
    <Section title={t.identities} testId="identities">
      {identities === undefined ? (
        <ProgressIndicator busy label={t.loading} />
      ) : identities.length === 0 ? (
        <p>{t.noIdentities}</p>
      ) : (
        <ul className={s.list}>
          {identities.map((identity) => (
            <IdentityItem key={identity.id} identity={identity} busy={work.busy} onExport={() => setExporting(identity)} onDelete={() => setDeleting(identity)} />
          ))}
        </ul>
      )}
      <ProgressIndicator busy={work.busy} progress={work.progress} />
      <NoticeRegion notice={notice} testId="identities-notice" />
      <Divider className={s.sub}>{t.importP12}</Divider>
      <ImportPkcs12Form
        api={api}
        busy={work.busy}
        run={run}
        onImported={(imported) => {
          setNotice({ intent: 'success', text: t.importedIdentities(imported.length) });
          void reload();
        }}
      />
      <Divider className={s.sub}>{t.createTest}</Divider>
      <CreateTestIdentityForm
        api={api}
        busy={work.busy}
        run={run}
        onError={fail}
        onCreated={(identity) => {
          setNotice({ intent: 'success', text: t.created(identity.emails[0] ?? identity.label) });
          void reload();
        }}
      />
      {exporting && <ExportBackupDialog identity={exporting} busy={work.busy} onExport={(p) => void doExport(exporting, p)} onCancel={() => setExporting(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title={t.deleteTitle(deleting.label)}
          confirmLabel={t.delete}
          busy={work.busy}
          testId="delete-dialog"
          onConfirm={() => void doDelete(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          {t.deleteIntro}
        </ConfirmDialog>
      )}
    </Section>
  );
}
