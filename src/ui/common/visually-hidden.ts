/** Text for assistive technology only (e.g. a fieldset legend the visible labels already imply). */
import { makeStyles } from '@fluentui/react-components';

export const useVisuallyHidden = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    marginTop: '-1px',
    overflowX: 'hidden',
    overflowY: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});
