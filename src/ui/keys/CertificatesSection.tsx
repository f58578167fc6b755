/** Correspondents' certificates (the address book): import, list, remove. */
import { useCallback } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { KeysApi } from '../host-api';
import { formatDate } from '../common/CertificateDetails';
import { errorMessage } from '../common/errors';
import { FilePicker } from '../common/FilePicker';
import { readFileBytes } from '../common/files';
import { NoticeRegion, useNotice } from '../common/notice';
import { ProgressIndicator, useProgress } from '../common/progress';
import { Section } from '../common/Section';
import { strings } from '../strings';
import { useList } from './use-list';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fp: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, overflowWrap: 'anywhere' },
});

export function CertificatesSection({ api }: { api: KeysApi }) {
  const s = useStyles();
  const t = strings.keys;
  const [notice, setNotice] = useNotice();
  const work = useProgress();
  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: t.failed(errorMessage(e)) }), [setNotice, t]);
  const load = useCallback(() => api.listCertificates(), [api]);
  const [certificates, reload] = useList(load, fail);

  const act = async (task: () => Promise<string>) => {
    try {
      setNotice({ intent: 'success', text: await work.run(() => task()) });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Section title={t.certificates} testId="certificates">
      {certificates === undefined ? (
        <ProgressIndicator busy label={t.loading} />
      ) : certificates.length === 0 ? (
        <p>{t.noCertificates}</p>
      ) : (
        <ul className={s.list}>
          {certificates.map((c) => {
            const name = c.emails[0] ?? c.subject;
            return (
              <li key={c.sha256Fingerprint} data-testid="certificate">
                <div>
                  <strong>{name}</strong> — {c.subject}, {strings.certificate.validity.toLowerCase()} {formatDate(c.notAfter)}
                </div>
                <div className={s.fp}>{c.sha256Fingerprint}</div>
                <Button
                  size="small"
                  disabled={work.busy}
                  aria-label={t.removeNamed(name)}
                  onClick={() =>
                    void act(async () => {
                      await api.removeCertificate(c.sha256Fingerprint);
                      return t.removed(name);
                    })
                  }
                >
                  {t.remove}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <FilePicker
        label={t.importCertificates}
        accept=".cer,.crt,.der,.pem,.p7b,.p7c"
        testId="certificate-file"
        disabled={work.busy}
        onFile={(file) => void act(async () => t.importedCertificates((await api.importCertificates(await readFileBytes(file))).length))}
      />
      <ProgressIndicator busy={work.busy} progress={work.progress} />
      <NoticeRegion notice={notice} testId="certificates-notice" />
    </Section>
  );
}
