/** Trust anchors: deployment ones are read-only; user ones are added with a fingerprint check. */
import { useCallback, useState } from 'react';
import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { KeysApi } from '../host-api';
import { errorMessage } from '../common/errors';
import { FilePicker } from '../common/FilePicker';
import { readFileBytes } from '../common/files';
import { NoticeRegion, useNotice } from '../common/notice';
import { ProgressIndicator, useProgress } from '../common/progress';
import { Section } from '../common/Section';
import { strings } from '../strings';
import { AddAnchorDialog } from './AddAnchorDialog';
import { certificateDer, sha256Fingerprint } from './fingerprint';
import { useList } from './use-list';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fp: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, overflowWrap: 'anywhere' },
});

interface Pending {
  name: string;
  bytes: Uint8Array;
  fingerprint: string;
}

export function AnchorsSection({ api }: { api: KeysApi }) {
  const s = useStyles();
  const t = strings.keys;
  const [notice, setNotice] = useNotice();
  const work = useProgress();
  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: t.failed(errorMessage(e)) }), [setNotice, t]);
  const load = useCallback(() => api.listAnchors(), [api]);
  const [anchors, reload] = useList(load, fail);
  const [pending, setPending] = useState<Pending>();

  const choose = async (file: File) => {
    const bytes = await readFileBytes(file);
    const der = certificateDer(bytes);
    if (!der) return setNotice({ intent: 'error', text: t.notACertificate });
    setNotice(undefined);
    setPending({ name: file.name, bytes, fingerprint: await sha256Fingerprint(der) });
  };

  const trust = async (p: Pending) => {
    try {
      const added = await work.run(() => api.addAnchor(p.bytes, p.fingerprint));
      setNotice({ intent: 'success', text: t.anchorAdded(added.subject) });
      await reload();
    } catch (e) {
      fail(e);
    }
    setPending(undefined);
  };

  const remove = async (fingerprint: string, name: string) => {
    try {
      await work.run(() => api.removeAnchor(fingerprint));
      setNotice({ intent: 'success', text: t.removed(name) });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Section title={t.anchors} testId="anchors">
      {anchors === undefined ? (
        <ProgressIndicator busy label={t.loading} />
      ) : anchors.length === 0 ? (
        <p>{t.noAnchors}</p>
      ) : (
        <ul className={s.list}>
          {anchors.map(({ certificate: c, source }) => (
            <li key={c.sha256Fingerprint} data-testid="anchor" data-source={source}>
              <div>
                <strong>{c.subject}</strong>{' '}
                <Badge appearance="outline" color={source === 'user' ? 'brand' : 'informative'}>
                  {source === 'user' ? t.user : t.deployment}
                </Badge>
              </div>
              <div className={s.fp}>{c.sha256Fingerprint}</div>
              {source === 'user' && (
                <Button size="small" disabled={work.busy} aria-label={t.removeNamed(c.subject)} onClick={() => void remove(c.sha256Fingerprint, c.subject)}>
                  {t.remove}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FilePicker label={t.addAnchor} accept=".cer,.crt,.der,.pem" testId="anchor-file" disabled={work.busy} onFile={(f) => void choose(f)} />
      <ProgressIndicator busy={work.busy} progress={work.progress} />
      <NoticeRegion notice={notice} testId="anchors-notice" />
      {pending && (
        <AddAnchorDialog
          fileName={pending.name}
          fingerprint={pending.fingerprint}
          busy={work.busy}
          onTrust={() => void trust(pending)}
          onCancel={() => setPending(undefined)}
        />
      )}
    </Section>
  );
}
