/** Keys and certificates: identities, correspondents' certificates and trust anchors. */
import type { KeysApi } from '../host-api';
import { AnchorsSection } from './AnchorsSection';
import { CertificatesSection } from './CertificatesSection';
import { IdentitiesSection } from './IdentitiesSection';

export function KeysView({ api }: { api: KeysApi }) {
  return (
    <div data-testid="keys-view">
      <IdentitiesSection api={api} />
      <CertificatesSection api={api} />
      <AnchorsSection api={api} />
    </div>
  );
}
