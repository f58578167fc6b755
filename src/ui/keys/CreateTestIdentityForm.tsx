/** A self-signed TEST identity, for trying the add-in without a CA certificate. */
import { useState } from 'react';
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { IdentityInfo, KeysApi } from '../host-api';
import { strings } from '../strings';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' } });

interface Props {
  api: KeysApi;
  busy: boolean;
  run<T>(task: () => Promise<T>): Promise<T>;
  onCreated(identity: IdentityInfo): void;
  onError(error: unknown): void;
}

export function CreateTestIdentityForm({ api, busy, run, onCreated, onError }: Props) {
  const s = useStyles();
  const t = strings.keys;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  return (
    <form
      className={s.form}
      aria-label={t.createTest}
      data-testid="create-test"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onCreated(await run(() => api.createTestIdentity(email.trim(), name.trim() || email.trim())));
          setEmail('');
          setName('');
        } catch (err) {
          onError(err);
        }
      }}
    >
      <Field label={t.email} required>
        <Input type="email" value={email} data-testid="test-email" onChange={(_e, d) => setEmail(d.value)} />
      </Field>
      <Field label={t.commonName}>
        <Input value={name} data-testid="test-name" onChange={(_e, d) => setName(d.value)} />
      </Field>
      <Button type="submit" disabled={busy || !email.includes('@')} data-testid="test-create">
        {t.create}
      </Button>
    </form>
  );
}
