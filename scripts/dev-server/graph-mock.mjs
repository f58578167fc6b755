// A local, Graph-compatible endpoint for the playground: sendMail (base64 MIME, 4 MB cap),
// message list, $value, draft create and delete. Mail lives as .eml files in `dir`.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

export const SENDMAIL_LIMIT = 4 * 1024 * 1024;
export const MAILBOX_OWNER = 'demo@playground.test';
const FOLDERS = ['inbox', 'sentitems', 'drafts'];

function header(eml, name) {
  const head = eml.subarray(0, Math.max(0, eml.indexOf('\r\n\r\n')) || eml.length).toString('latin1').replace(/\r\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}

function addresses(value) {
  return [...value.matchAll(/[^\s<>,"]+@[^\s<>,"]+/g)].map((m) => m[0].toLowerCase());
}

export function createMailbox(dir, seedDir) {
  for (const f of FOLDERS) mkdirSync(join(dir, f), { recursive: true });
  if (seedDir && existsSync(seedDir)) {
    for (const file of readdirSync(seedDir)) {
      const target = join(dir, 'inbox', file);
      if (!existsSync(target)) copyFileSync(join(seedDir, file), target);
    }
  }
  const find = (id) => FOLDERS.map((f) => join(dir, f, `${id}.eml`)).find((p) => existsSync(p));
  return {
    dir,
    find,
    list(folder) {
      return readdirSync(join(dir, folder))
        .filter((f) => f.endsWith('.eml'))
        .map((f) => {
          const eml = readFileSync(join(dir, folder, f));
          return { id: f.slice(0, -4), subject: header(eml, 'Subject'), from: header(eml, 'From'), to: header(eml, 'To'), date: header(eml, 'Date'), contentType: header(eml, 'Content-Type') };
        })
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    store(folder, eml) {
      const id = `${folder === 'sentitems' ? 'sent' : folder}-${Date.now()}-${randomUUID().slice(0, 8)}`;
      writeFileSync(join(dir, folder, `${id}.eml`), eml);
      return id;
    },
    remove(id) {
      const path = find(id);
      if (!path) return false;
      rmSync(path);
      return true;
    },
  };
}

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const graphError = (code, message) => ({ error: { code, message } });

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), size }));
    req.on('error', reject);
  });
}

/** Connect-style middleware; `next` handles everything that is not /v1.0/me/… */
export function graphMiddleware(mailbox) {
  return async (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith('/v1.0/me/')) return next();
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) return send(res, 401, graphError('InvalidAuthenticationToken', 'Access token is empty.'));
    const path = url.pathname.slice('/v1.0/me'.length);
    try {
      if (req.method === 'POST' && path === '/sendMail') {
        const { body, size } = await readBody(req, SENDMAIL_LIMIT + 1024);
        if (size > SENDMAIL_LIMIT) return send(res, 413, graphError('ErrorRequestEntityTooLarge', 'The request exceeds the maximum size (4 MB).'));
        const text = body.toString('latin1').replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) {
          return send(res, 400, graphError('ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.'));
        }
        const eml = Buffer.from(text, 'base64');
        if (!header(eml, 'From')) return send(res, 400, graphError('ErrorMimeContentInvalid', 'The MIME content has no From header.'));
        mailbox.store('sentitems', eml);
        const rcpt = [...addresses(header(eml, 'To')), ...addresses(header(eml, 'Cc'))];
        if (rcpt.includes(MAILBOX_OWNER)) mailbox.store('inbox', eml);
        res.writeHead(202).end();
        return;
      }
      const folderList = /^\/mailFolders\/(inbox|sentitems|drafts)\/messages$/.exec(path);
      if (req.method === 'GET' && folderList) return send(res, 200, { value: mailbox.list(folderList[1]) });
      if (req.method === 'POST' && path === '/messages') {
        const { body } = await readBody(req, 1024 * 1024);
        const draft = JSON.parse(body.toString('utf8') || '{}');
        const eml = Buffer.from(`From: ${MAILBOX_OWNER}\r\nSubject: ${String(draft.subject ?? '').replace(/[\r\n]/g, ' ')}\r\nMIME-Version: 1.0\r\n\r\n(draft)\r\n`, 'latin1');
        return send(res, 201, { id: mailbox.store('drafts', eml) });
      }
      const value = /^\/messages\/([^/]+)\/\$value$/.exec(path);
      if (req.method === 'GET' && value) {
        const file = mailbox.find(decodeURIComponent(value[1]));
        return file ? send(res, 200, readFileSync(file), 'text/plain') : send(res, 404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
      }
      const one = /^\/messages\/([^/]+)$/.exec(path);
      if (req.method === 'DELETE' && one) {
        return mailbox.remove(decodeURIComponent(one[1])) ? (res.writeHead(204).end(), undefined) : send(res, 404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
      }
      return send(res, 400, graphError('BadRequest', `Unsupported request ${req.method} ${url.pathname}`));
    } catch (err) {
      return send(res, 500, graphError('InternalServerError', String(err)));
    }
  };
}
