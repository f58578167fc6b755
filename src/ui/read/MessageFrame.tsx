/**
 * Decrypted content in a fully sandboxed frame (no scripts, opaque origin, no forms, no
 * navigation of our page) with its own CSP. The frame's box cannot paint over our chrome.
 */
import { useMemo } from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { strings } from '../strings';
import { frameDocument } from './sanitize';

const useStyles = makeStyles({
  frame: {
    width: '100%',
    height: '260px',
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    resize: 'vertical',
    overflow: 'auto',
    display: 'block',
  },
});

export function MessageFrame({ html, text }: { html?: string; text?: string }) {
  const s = useStyles();
  const doc = useMemo(() => frameDocument({ html, text }), [html, text]);
  return (
    <>
      <Caption1>{strings.read.contentCaption}</Caption1>
      <iframe
        className={s.frame}
        data-testid="message-frame"
        title={strings.read.frameTitle}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={doc}
      />
    </>
  );
}
