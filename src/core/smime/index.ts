/** Message-level S/MIME: what hosts (CLI, Outlook, Thunderbird) call. */
export { signMessage, type SignMessageOptions } from './sign-message';
export { encryptMessage } from './encrypt-message';
export { decryptMessage, type DecryptMessageResult } from './decrypt-message';
export { readMessage, type ReadOptions, type ReadResult } from './read-message';
export { displayedProtectedHeaders, type DisplayedHeader } from './header-protection';
