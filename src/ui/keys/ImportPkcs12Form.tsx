/** File + password; a wrong password yields exactly one error, on the password field. */
import { useState } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { IdentityInfo, KeysApi } from '../host-api';
import { errorCode, errorMessage } from '../common/errors';
import { FilePicker } from '../common/FilePicker';
import { readFileBytes } from '../common/files';
import { strings } from '../strings';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' } });

interface Props {
  api: KeysApi;
  busy: boolean;
  run<T>(task: () => Promise<T>): Promise<T>;
  onImported(identities: IdentityInfo[]): void;
}

export function ImportPkcs12Form({ api, busy, run, onImported }: Props) {
  const s = useStyles();
  const t = strings.keys;
  const [file, setFile] = useState<File>();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!file) return;
    setError(undefined);
    try {
      const imported = await run(async () => api.importPkcs12(await readFileBytes(file), password));
      setPassword('');
      onImported(imported);
    } catch (e) {
      setPassword('');
      setError(errorCode(e) === 'wrong-password' ? t.wrongPassword : t.failed(errorMessage(e)));
    }
  };

  return (
    <form
      className={s.form}
      aria-label={t.importP12}
      data-testid="import-p12"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FilePicker label={t.p12File} accept=".p12,.pfx" testId="p12-file" disabled={busy} onFile={setFile} />
      <Field label={t.password} validationState={error ? 'error' : 'none'} validationMessage={error}>
        <Input type="password" data-testid="p12-password" value={password} autoComplete="off" onChange={(_e, d) => setPassword(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy || !file} data-testid="p12-import">
        {t.import}
      </Button>
    </form>
  );
}
