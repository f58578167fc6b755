/**
 * item.notificationMessages with the documented limits: message ≤150 characters and key
 * ≤32 (ArgumentOutOfRange otherwise), at most 5 per item, informational icon required.
 */
import type { OfficeNotificationDetails } from '../../outlook/office-port';

export class EmulatedOfficeError extends Error {
  constructor(
    readonly code: number,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

export class NotificationList {
  private readonly items = new Map<string, OfficeNotificationDetails>();

  constructor(private readonly changed: () => void) {}

  all(): OfficeNotificationDetails[] {
    return [...this.items.entries()].map(([key, details]) => ({ ...details, key }));
  }

  replace(key: string, details: OfficeNotificationDetails): void {
    if (key.length > 32) throw new EmulatedOfficeError(9041, 'ArgumentOutOfRange', 'The key is longer than 32 characters.');
    if (details.message.length > 150) throw new EmulatedOfficeError(9041, 'ArgumentOutOfRange', 'The message is longer than 150 characters.');
    if (details.type === 'informationalMessage' && !details.icon) throw new EmulatedOfficeError(9040, 'InvalidArgument', 'An informational message needs an icon.');
    if (details.type !== 'informationalMessage' && details.persistent !== undefined) {
      throw new EmulatedOfficeError(9040, 'InvalidArgument', 'Only informational messages can be persistent.');
    }
    if (!this.items.has(key) && this.items.size >= 5) {
      throw new EmulatedOfficeError(9041, 'NumberOfNotificationMessagesExceeded', 'An item can have at most 5 notifications.');
    }
    this.items.set(key, details);
    this.changed();
  }

  remove(key: string): void {
    if (!this.items.delete(key)) throw new EmulatedOfficeError(9044, 'KeyNotFound', 'No notification with this key.');
    this.changed();
  }
}
