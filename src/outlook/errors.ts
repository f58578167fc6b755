/** Typed failures of the Outlook host adapter; `message` is shown to the user. */

export class OutlookAddinError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Office.js is not loaded (page opened outside Outlook and outside the playground). */
export class OfficeUnavailableError extends OutlookAddinError {
  constructor() {
    super('Office.js is not available: open this page from Outlook or from the playground.');
  }
}

/** An Office *Async call failed; `code` is Office's error code (5001 = internal error). */
export class OfficeCallError extends OutlookAddinError {
  constructor(
    readonly operation: string,
    readonly code: number,
    detail: string,
  ) {
    super(`Outlook could not ${operation} (${code}: ${detail})`);
  }
}

/** The client lacks the requirement set a step needs. */
export class RequirementNotMetError extends OutlookAddinError {
  constructor(readonly requirement: string, what: string) {
    super(`This version of Outlook does not support ${what} (needs ${requirement}).`);
  }
}

/** Microsoft Graph refused a request; `status` is the HTTP status. */
export class GraphError extends OutlookAddinError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** No token for Graph (no NAA, no SSO, user declined consent). */
export class AuthenticationError extends OutlookAddinError {}

/** The protected message is above what Graph sendMail accepts. */
export class MessageTooLargeError extends OutlookAddinError {
  constructor(
    readonly base64Bytes: number,
    readonly limit: number,
  ) {
    super(
      `The protected message is ${(base64Bytes / 1048576).toFixed(1)} MB once encoded; Outlook accepts about ` +
        `${(limit / 1048576).toFixed(0)} MB. Remove or shrink attachments, share large files as links, or save it as .eml and send it from another client.`,
    );
  }
}

/** The compose item lacks something the secure send needs (no From, no recipients…). */
export class ComposeInputError extends OutlookAddinError {}
