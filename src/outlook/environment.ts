/**
 * Where a page runs: inside Outlook (office.js from Microsoft's CDN) or inside the
 * playground, whose shell is the same-origin parent and provides an emulated Office.
 * Only same-origin parents are readable, so a foreign page cannot inject an Office.
 */
import { BUILD } from './build-config';
import type { OfficeApi } from './office-port';

export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface PageEnvironment {
  hostName: 'outlook' | 'playground';
  graphBase: string;
}

/** What the playground shell exposes on its window as `smimePlayground`. */
export interface PlaygroundHook {
  attach(frame: Window): { office: OfficeApi; graphBase: string };
}

type HookWindow = Window & { smimePlayground?: PlaygroundHook; Office?: unknown; smimeEnvironment?: PageEnvironment };

export function playgroundHook(win: Window): PlaygroundHook | undefined {
  if (!BUILD.playground || win.parent === win) return undefined;
  try {
    return (win.parent as HookWindow).smimePlayground;
  } catch {
    return undefined; // cross-origin parent: real Outlook
  }
}

/** Runs synchronously in <head> before any bundle: installs the emulation or loads office.js. */
export function installOffice(win: Window): PageEnvironment {
  const target = win as HookWindow;
  const hook = playgroundHook(win);
  if (hook) {
    const { office, graphBase } = hook.attach(win);
    target.Office = office;
    target.smimeEnvironment = { hostName: 'playground', graphBase };
  } else {
    // A parser-inserted script keeps office.js loading before the page bundle, as Office requires.
    win.document.write(`<script src="${OFFICE_JS_CDN}"></script>`);
    target.smimeEnvironment = { hostName: 'outlook', graphBase: BUILD.graphBase };
  }
  return target.smimeEnvironment;
}

export function pageEnvironment(win: Window): PageEnvironment {
  return (win as HookWindow).smimeEnvironment ?? { hostName: 'outlook', graphBase: BUILD.graphBase };
}
