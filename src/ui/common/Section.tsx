/** A titled region; the heading names it for screen-reader landmark navigation. */
import { useId, type ReactNode } from 'react';
import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
});

export function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  const id = useId();
  const s = useStyles();
  return (
    <section aria-labelledby={id} className={s.section} data-testid={testId}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
