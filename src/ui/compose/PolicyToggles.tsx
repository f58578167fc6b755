/** Sign / Encrypt switches; each change is written through to the host at once. */
import { Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { ComposePolicy } from '../host-api';
import { useVisuallyHidden } from '../common/visually-hidden';
import { strings } from '../strings';

const useStyles = makeStyles({ group: { display: 'flex', gap: tokens.spacingHorizontalL, border: 'none', padding: 0, margin: 0 } });

export function PolicyToggles({ policy, disabled, onChange }: { policy: ComposePolicy; disabled: boolean; onChange(p: ComposePolicy): void }) {
  const s = useStyles();
  const v = useVisuallyHidden();
  return (
    <fieldset className={s.group}>
      <legend className={v.hidden}>{strings.compose.policy}</legend>
      <Switch
        data-testid="policy-sign"
        label={strings.compose.sign}
        checked={policy.sign}
        disabled={disabled}
        onChange={(_e, data) => onChange({ ...policy, sign: data.checked })}
      />
      <Switch
        data-testid="policy-encrypt"
        label={strings.compose.encrypt}
        checked={policy.encrypt}
        disabled={disabled}
        onChange={(_e, data) => onChange({ ...policy, encrypt: data.checked })}
      />
    </fieldset>
  );
}
