/** A keyboard-operable file chooser: a real (visually hidden) input driven by a Fluent button. */
import { useId, useRef, useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import { strings } from '../strings';

interface Props {
  label: string;
  accept?: string;
  testId?: string;
  disabled?: boolean;
  onFile(file: File): void;
}

export function FilePicker({ label, accept, testId, disabled, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string>();
  const nameId = useId();
  return (
    <span>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        data-testid={testId}
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setName(file.name);
          onFile(file);
          // Allow choosing the same file again after an error.
          e.target.value = '';
        }}
      />
      <Button disabled={disabled} aria-describedby={nameId} onClick={() => input.current?.click()}>
        {label}
      </Button>{' '}
      <Text id={nameId} size={200}>
        {name ?? strings.keys.noFile}
      </Text>
    </span>
  );
}
