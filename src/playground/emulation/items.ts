/** The emulated mailbox's items: a received message (read mode) and a draft (compose mode). */
import type { OfficeAttachmentDetails, OfficeEmailAddress } from '../../outlook/office-port';
import type { NotificationList } from './notifications';

export interface ReadState {
  kind: 'read';
  id: string;
  itemClass: string;
  subject: string;
  from: OfficeEmailAddress;
  attachments: OfficeAttachmentDetails[];
  headers: string;
  /** The message as base64 EML (what getAsFileAsync returns). */
  loadBase64(): Promise<string>;
  notifications: NotificationList;
}

export interface DraftAttachment {
  details: OfficeAttachmentDetails;
  base64: string;
}

export interface DraftState {
  kind: 'compose';
  from: OfficeEmailAddress;
  to: OfficeEmailAddress[];
  cc: OfficeEmailAddress[];
  bcc: OfficeEmailAddress[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: DraftAttachment[];
  inReplyTo: string | null;
  savedId?: string;
  notifications: NotificationList;
}

export type ItemState = ReadState | DraftState;

/** What Exchange stores as the item class for S/MIME (MS-OXOSMIME). */
export function itemClassFor(contentType: string): string {
  if (/multipart\/signed/i.test(contentType)) return 'IPM.Note.SMIME.MultipartSigned';
  if (/application\/(x-)?pkcs7-mime/i.test(contentType)) return 'IPM.Note.SMIME';
  return 'IPM.Note';
}

/** Exchange exposes S/MIME content as one attachment (smime.p7m / smime.p7s). */
export function smimeAttachments(itemClass: string, size: number): OfficeAttachmentDetails[] {
  if (itemClass === 'IPM.Note') return [];
  const signed = itemClass.endsWith('MultipartSigned');
  return [
    {
      id: 'smime-0',
      name: signed ? 'smime.p7s' : 'smime.p7m',
      contentType: signed ? 'application/pkcs7-signature' : 'application/pkcs7-mime',
      size,
      isInline: false,
      contentId: '',
      attachmentType: 'file',
    },
  ];
}
