import type { IncomingMessage } from 'node:http';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { cleanText, refuse, HttpRefusal } from './body.js';

/**
 * A Direct Line upload (`multipart/form-data`: one `activity` part, then one
 * `file` part per attachment), read as a stream: every file goes straight to
 * its staging file on disk and is counted while it arrives, so an oversized
 * upload is refused (413) as soon as it passes a limit, with nothing held in
 * memory but the activity's JSON. Whatever was staged for a refused upload is
 * removed again.
 */
export interface UploadLimits {
  /** Bytes of one file (MATERIALS_MAX_MB). */
  maxFileBytes: number;
  /** Bytes of all files together (MATERIALS_MAX_MESSAGE_MB). */
  maxTotalBytes: number;
  /** Files staged; further ones are read past and listed without content, so the bot can say they were not taken. */
  maxFiles: number;
  /** Bytes of the activity part (MAX_BODY_KB). */
  maxActivityBytes: number;
}

export interface StagedFile {
  /** The staging id (a file under the uploads folder), absent for a file read past. */
  id?: string;
  path?: string;
  name: string;
  contentType: string;
  size: number;
}

export interface Upload {
  activity: Record<string, unknown>;
  files: StagedFile[];
}

const UPLOAD_TIMEOUT_MS = 120_000;
/** Multipart framing around the parts: boundaries and part headers. */
const FRAMING_BYTES = 64 * 1024;
/** Parts beyond these are not files Web Chat sends: a request with more is refused. */
const MAX_PARTS = 200;

const plainName = (s: string | undefined) =>
  cleanText(s ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200) || 'file';
const plainType = (s: string | undefined) =>
  s && /^[\w.+-]+\/[\w.+-]+$/.test(s) ? s.slice(0, 200).toLowerCase() : 'application/octet-stream';

/** Counts bytes as they pass and fails the stream once over `max`. */
function counter(max: number, onBytes: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      onBytes(chunk.length);
      if (seen > max) return cb(refuse(413, 'PayloadTooLarge', `a file is over ${max} bytes`));
      cb(null, chunk);
    },
  });
}

export async function readUpload(
  req: IncomingMessage,
  limits: UploadLimits,
  stage: () => Promise<{ id: string; path: string }>,
): Promise<Upload> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'multipart/form-data') throw refuse(415, 'UnsupportedMediaType', 'send multipart/form-data');
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== '') throw refuse(415, 'UnsupportedEncoding', 'uploads are not accepted compressed');
  const declared = Number(req.headers['content-length']);
  const ceiling = limits.maxTotalBytes + limits.maxActivityBytes + FRAMING_BYTES;
  if (Number.isFinite(declared) && declared > ceiling) throw refuse(413, 'PayloadTooLarge', `the upload is over ${ceiling} bytes`);

  let bb: busboy.Busboy;
  try {
    // Browsers send a file's name as raw UTF-8 in the part header, not as latin1.
    bb = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { parts: MAX_PARTS, fields: 10, fieldSize: limits.maxActivityBytes, headerPairs: 50 },
    });
  } catch {
    throw refuse(400, 'BadRequest', 'the multipart body has no boundary');
  }

  const files: StagedFile[] = [];
  const writes: Promise<void>[] = [];
  let activityText: string | undefined;
  let total = 0;
  let wire = 0;
  const open = new Set<Readable>();

  return new Promise<Upload>((resolve, reject) => {
    let settled = false;
    const cleanup = async () => {
      await Promise.allSettled(writes);
      await Promise.all(files.map((f) => (f.path ? rm(f.path, { force: true }) : undefined)));
    };
    const fail = (err: HttpRefusal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.unpipe(bb);
      // Streams still open end with the error, so their pipelines settle and cleanup can wait for them.
      for (const s of open) s.destroy(err);
      bb.destroy();
      void cleanup().finally(() => reject(err));
    };
    const timer = setTimeout(() => fail(refuse(408, 'RequestTimeout', 'the upload took too long')), UPLOAD_TIMEOUT_MS);
    const addBytes = (n: number) => {
      total += n;
      if (total > limits.maxTotalBytes) fail(refuse(413, 'PayloadTooLarge', `the files are over ${limits.maxTotalBytes} bytes together`));
    };
    req.on('data', (c: Buffer) => {
      wire += c.length;
      if (wire > ceiling) fail(refuse(413, 'PayloadTooLarge', `the upload is over ${ceiling} bytes`));
    });
    req.on('aborted', () => fail(refuse(400, 'Aborted', 'the client went away')));

    const readActivity = (stream: Readable) => {
      const chunks: Buffer[] = [];
      let n = 0;
      stream.on('data', (c: Buffer) => {
        n += c.length;
        if (n > limits.maxActivityBytes)
          return fail(refuse(413, 'PayloadTooLarge', `the activity is over ${limits.maxActivityBytes} bytes`));
        chunks.push(c);
      });
      stream.on('end', () => (activityText = Buffer.concat(chunks).toString('utf8')));
    };

    bb.on('field', (name, value, info) => {
      if (name !== 'activity') return;
      if (info.valueTruncated) return fail(refuse(413, 'PayloadTooLarge', `the activity is over ${limits.maxActivityBytes} bytes`));
      activityText = value;
    });
    bb.on('file', (name, stream, info) => {
      if (settled) return void stream.resume();
      // Web Chat sends the activity as a Blob, which arrives as a file part named "activity".
      if (name === 'activity') return readActivity(stream);
      const entry: StagedFile = { name: plainName(info.filename), contentType: plainType(info.mimeType), size: 0 };
      files.push(entry);
      open.add(stream);
      stream.once('close', () => open.delete(stream));
      const count = counter(limits.maxFileBytes, addBytes);
      const broke = (err: unknown) => fail(err instanceof HttpRefusal ? err : refuse(400, 'BadRequest', 'the upload broke off'));
      if (files.length > limits.maxFiles) {
        // Read past, not kept: the bot names it among the files it did not take.
        const discard = new Writable({
          write(chunk: Buffer, _enc, cb) {
            entry.size += chunk.length;
            cb();
          },
        });
        writes.push(pipeline(stream, count, discard).catch(broke));
        return;
      }
      // Paused until its staging file exists: busboy stops reading the request meanwhile.
      stream.pause();
      writes.push(
        stage()
          .then(async (staged) => {
            entry.id = staged.id;
            entry.path = staged.path;
            await pipeline(
              stream,
              count,
              new Transform({
                transform(chunk: Buffer, _enc, cb) {
                  entry.size += chunk.length;
                  cb(null, chunk);
                },
              }),
              createWriteStream(staged.path, { mode: 0o600, flags: 'wx' }),
            );
          })
          .catch(broke),
      );
    });
    bb.on('partsLimit', () => fail(refuse(413, 'PayloadTooLarge', `more than ${MAX_PARTS} parts`)));
    bb.on('error', () => fail(refuse(400, 'BadRequest', 'the multipart body is malformed')));
    bb.on('close', () => {
      void Promise.all(writes).then(() => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        let activity: unknown;
        try {
          activity =
            activityText === undefined
              ? undefined
              : JSON.parse(activityText, (_k, v: unknown) => (typeof v === 'string' ? cleanText(v) : v));
        } catch {
          activity = undefined;
        }
        if (!activity || typeof activity !== 'object' || Array.isArray(activity)) {
          void cleanup().finally(() => reject(refuse(400, 'BadRequest', 'the upload has no activity part')));
          return;
        }
        resolve({ activity: activity as Record<string, unknown>, files });
      });
    });
    req.pipe(bb);
  });
}
