/** Attachments through the API: upload, type checks, content-addressed storage, scoped download. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access.ts';
import { rows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { users } from '../auth/auth.table.ts';
import { assertFilesUsable, linkFilesToRequest } from './files.usecases.ts';

const filesOf = async (db: Parameters<typeof rows>[0], requestId: string) =>
  (await rows<{ id: string }>(db, sql`select id from files where request_id = ${requestId} order by id`)).map(
    (f) => f.id,
  );

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
/** Enough of an Office Open XML package for the magic-byte check (a zip naming its parts). */
const ooxml = (dir: string) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from(`\x14\x00\x00\x00[Content_Types].xml...${dir}document.xml`, 'latin1'),
  ]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A PNG no other test uploads (a trailer after IEND keeps it a PNG). */
const uniquePng = (tag: string) => Buffer.concat([PNG, Buffer.from(tag)]);
const CHINESE = /[\u4e00-\u9fff]/;

let ctx: TestContext;
let filesDir: string;
let agent: Client;
let twAgent: Client;
let ygh: string;
let twd: string;

// The harness passes `filesDir` on to the app (AppOptions.filesDir); this test owns the directory so
// it can look at what is on disk.
type ContextOptions = NonNullable<Parameters<typeof createTestContext>[0]> & { filesDir?: string };

beforeAll(async () => {
  filesDir = mkdtempSync(path.join(tmpdir(), 'wuye-files-test-'));
  const options: ContextOptions = { filesDir };
  ctx = await createTestContext(options);
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  twd = estates.find((e) => e.name === '天物大厦')!.id;
  agent = await ctx.login('agent');
  twAgent = await ctx.login('tw_agent');
});
afterAll(async () => {
  await ctx.close();
  rmSync(filesDir, { recursive: true, force: true });
});

interface UploadOptions {
  estateId?: string;
  kind?: string;
  type?: string;
  name?: string;
  headers?: Record<string, string>;
}

function upload(client: Client, content: Buffer, o: UploadOptions = {}) {
  const headers: Record<string, string> = { 'content-type': o.type ?? 'image/png', ...o.headers };
  if (o.name !== undefined) headers['x-file-name'] = encodeURIComponent(o.name);
  return client.post(`/api/files?estateId=${o.estateId ?? ygh}&kind=${o.kind ?? 'photo'}`, content, headers);
}

/** Signs in like a browser and downloads with the raw bytes (the client decodes bodies as text). */
async function download(username: string, id: string, headers: Record<string, string> = {}) {
  const login = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  const cookie = login.cookies.find((c) => c.name === 'wuye_session')!;
  return ctx.app.inject({
    method: 'GET',
    url: `/api/files/${id}`,
    headers: { cookie: `wuye_session=${cookie.value}`, ...headers },
  });
}

/** Every file under the storage root, relative to it. */
function filesOnDisk(): string[] {
  return readdirSync(filesDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(filesDir, path.join(d.parentPath, d.name)));
}

function expectFileError(res: { status: number; body: any }, field = 'file') {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION');
  expect(res.body.error.fields[field]).toMatch(CHINESE);
}

function actorOf(client: Client): Actor {
  const u = client.user!;
  return {
    userId: u.id,
    username: 'test',
    name: u.name,
    companyId: u.companyId,
    companyName: '',
    roles: u.roles as Actor['roles'],
    departmentId: null,
    locale: 'zh-CN',
    estateIds: u.estateIds,
    companyWide: false,
    sessionId: '',
    via: 'cookie',
    csrfToken: '',
  };
}

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION');
  return (err as AppError).fields ?? {};
}

describe('upload and download', () => {
  it('stores a PNG and gives back the same bytes with safe headers', async () => {
    const res = await upload(agent, PNG, { name: 'photo.png' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      contentType: 'image/png',
      size: PNG.length,
      name: 'photo.png',
      kind: 'photo',
      url: `/api/files/${res.body.id}`,
    });

    const got = await download('agent', res.body.id);
    expect(got.statusCode).toBe(200);
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-length']).toBe(String(PNG.length));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, max-age=3600');
    expect(got.headers['content-disposition']).toBe("inline; filename*=UTF-8''photo.png");
    // Nothing in a file runs as our origin, even when opened directly.
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");

    // The content of an id never changes: a revalidation is a 304 without a body.
    const again = await download('agent', res.body.id, { 'if-none-match': String(got.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('keeps identical content once on disk, with one row (and one audit event) per upload', async () => {
    const content = uniquePng('twice');
    const first = await upload(agent, content);
    const second = await upload(agent, content, { name: 'again.png' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);

    const stored = await rows<{ sha256: string }>(
      ctx.database.db,
      sql`select sha256 from files where id in (${first.body.id}, ${second.body.id})`,
    );
    expect(stored).toHaveLength(2);
    const sha = stored[0]!.sha256;
    expect(stored[1]!.sha256).toBe(sha);
    expect(filesOnDisk().filter((f) => f.includes(sha))).toEqual([path.join(sha.slice(0, 2), sha)]);
    expect(filesOnDisk().filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const events = await rows<{ entity_id: string; estate_id: string; actor_id: string }>(
      ctx.database.db,
      sql`select entity_id, estate_id, actor_id from events
          where entity_type = 'file' and action = 'uploaded' and entity_id in (${first.body.id}, ${second.body.id})`,
    );
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.estate_id === ygh && e.actor_id === agent.user!.id)).toBe(true);

    expect(Buffer.compare((await download('agent', second.body.id)).rawPayload, content)).toBe(0);
  });

  it('round-trips a Chinese file name through X-File-Name and Content-Disposition', async () => {
    const name = '三号楼 漏水（照片）.png';
    const res = await upload(agent, uniquePng('name'), { name });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    const got = await download('agent', res.body.id);
    const disposition = String(got.headers['content-disposition']);
    const match = /^inline; filename\*=UTF-8''(.+)$/.exec(disposition);
    expect(match).not.toBeNull();
    expect(match![1]).not.toMatch(/[^\x21-\x7e]/);
    expect(decodeURIComponent(match![1]!)).toBe(name);
  });

  it('strips path parts from the name and names a nameless upload by its kind', async () => {
    const pathy = await upload(agent, uniquePng('path'), { name: '../../etc/passwd.png' });
    expect(pathy.body.name).toBe('passwd.png');
    const nameless = await upload(agent, uniquePng('nameless'));
    expect(nameless.body.name).toBe('photo.png');
    const bad = await upload(agent, uniquePng('bad-name'), { headers: { 'x-file-name': '%E4%ZZ' } });
    expectFileError(bad, 'X-File-Name');
  });

  it('sends PDF and Office documents as attachments, never inline', async () => {
    const pdf = await upload(agent, PDF, { kind: 'document', type: 'application/pdf', name: '报价单.pdf' });
    expect(pdf.status).toBe(201);
    const got = await download('agent', pdf.body.id);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''/);

    const docx = await upload(agent, ooxml('word/'), { kind: 'document', type: DOCX, name: '说明.docx' });
    expect(docx.status).toBe(201);
    expect(String((await download('agent', docx.body.id)).headers['content-disposition'])).toMatch(
      /^attachment;/,
    );
    const xlsx = await upload(agent, ooxml('xl/'), { kind: 'document', type: XLSX });
    expect(xlsx.status).toBe(201);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await upload(agent, ole, { kind: 'document', type: 'application/vnd.ms-excel' })).status).toBe(
      201,
    );
    // An image is also a document.
    expect((await upload(agent, JPEG, { kind: 'document', type: 'image/jpeg' })).status).toBe(201);
  });
});

describe('refused uploads', () => {
  it('refuses content that is not what its Content-Type says, writing nothing', async () => {
    const before = filesOnDisk().length;
    const [{ n: rowsBefore }] = (await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from files`,
    )) as [{ n: number }];
    const content = uniquePng('declared-jpeg');

    expectFileError(await upload(agent, content, { type: 'image/jpeg' }));
    expectFileError(await upload(agent, JPEG, { type: 'image/png' }));
    expectFileError(await upload(agent, PDF, { type: 'image/gif' }));
    expectFileError(await upload(agent, PNG, { kind: 'document', type: 'application/pdf' }));
    expectFileError(await upload(agent, ooxml('xl/'), { kind: 'document', type: DOCX }));
    expectFileError(await upload(agent, PDF, { kind: 'document', type: 'application/msword' }));

    expect(filesOnDisk().length).toBe(before);
    const [{ n: rowsAfter }] = (await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from files`,
    )) as [{ n: number }];
    expect(rowsAfter).toBe(rowsBefore);
  });

  it('refuses types that are not images, PDF or Office documents', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expectFileError(await upload(agent, html, { type: 'text/html', kind: 'document' }));
    expectFileError(await upload(agent, html, { type: 'image/svg+xml' }));
    expectFileError(await upload(agent, Buffer.from('{}'), { type: 'application/json', kind: 'document' }));
    expectFileError(await upload(agent, PNG, { type: 'image/' }));
    // A photo is an image.
    expectFileError(await upload(agent, PDF, { type: 'application/pdf', kind: 'photo' }));
  });

  it('refuses an empty body', async () => {
    expectFileError(await upload(agent, Buffer.alloc(0)));
    const none = await agent.request('POST', `/api/files?estateId=${ygh}&kind=photo`);
    expectFileError(none);
  });

  it('refuses more than 10 MB with the contract’s validation body', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024);
    PNG.copy(big);
    const res = await upload(agent, big);
    expectFileError(res);
    expect(res.body.error.fields.file).toContain('10 MB');
    const en = await upload(agent, big, { headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(400);
    expect(en.body.error.fields.file).not.toMatch(CHINESE);
  });

  it('takes a signature only as a PNG of at most 1 MB', async () => {
    expectFileError(await upload(agent, JPEG, { kind: 'signature', type: 'image/jpeg' }));
    expectFileError(await upload(agent, JPEG, { kind: 'signature', type: 'image/png' }));
    const large = Buffer.alloc(1024 * 1024 + 1);
    PNG.copy(large);
    const tooLarge = await upload(agent, large, { kind: 'signature' });
    expectFileError(tooLarge);
    expect(tooLarge.body.error.fields.file).toContain('1 MB');
    const ok = await upload(agent, uniquePng('signature'), { kind: 'signature' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'signature', name: 'signature.png' });
  });

  it('checks the query', async () => {
    const res = await agent.post(`/api/files?estateId=${ygh}&kind=video`, PNG, {
      'content-type': 'image/png',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.kind).toBeDefined();
    const noEstate = await agent.post('/api/files?kind=photo', PNG, { 'content-type': 'image/png' });
    expect(noEstate.status).toBe(400);
    expect(noEstate.body.error.fields.estateId).toBeDefined();
  });
});

describe('access', () => {
  it('keeps an estate’s files from staff of another estate (404), in both directions', async () => {
    const mine = await upload(agent, uniquePng('scoped'));
    expect((await download('agent', mine.body.id)).statusCode).toBe(200);
    const foreign = await download('tw_agent', mine.body.id);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    // Company-wide roles see every estate.
    expect((await download('admin', mine.body.id)).statusCode).toBe(200);

    const theirs = await upload(twAgent, uniquePng('scoped-twd'), { estateId: twd });
    expect(theirs.status).toBe(201);
    expect((await download('agent', theirs.body.id)).statusCode).toBe(404);
    // An unknown id looks the same as a foreign one.
    expect((await download('agent', newId())).statusCode).toBe(404);
  });

  it('refuses an upload to an estate that is not the caller’s (404)', async () => {
    const res = await upload(twAgent, uniquePng('wrong-estate'), { estateId: ygh });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 401 to anonymous callers', async () => {
    const id = (await upload(agent, uniquePng('anon'))).body.id;
    expect((await ctx.anonymous.get(`/api/files/${id}`)).status).toBe(401);
    const res = await ctx.anonymous.post(`/api/files?estateId=${ygh}&kind=photo`, PNG, {
      'content-type': 'image/png',
    });
    expect(res.status).toBe(401);
  });

  it('answers 403 to residents and to staff roles that do not work requests', async () => {
    const id = (await upload(agent, uniquePng('resident'))).body.id;
    const { db } = ctx.database;
    await db.insert(users).values({
      id: newId(),
      companyId: agent.user!.companyId,
      username: 'resident_files',
      name: '孙业主',
      passwordHash: await hashPassword('resident-pass-1'),
      roles: ['resident'],
      createdAt: ctx.clock.now(),
    });
    const resident = await ctx.login('resident_files', 'resident-pass-1');
    const get = await resident.get(`/api/files/${id}`);
    expect(get.status).toBe(403);
    expect(get.body.error.code).toBe('FORBIDDEN');
    expect((await upload(resident, PNG)).status).toBe(403);

    const cashier = await ctx.login('cashier');
    expect((await upload(cashier, PNG)).status).toBe(403);
    expect((await cashier.get(`/api/files/${id}`)).status).not.toBe(403);
  });

  it('needs the CSRF token for a cookie upload', async () => {
    const res = await upload(agent, PNG, { headers: { 'x-csrf-token': 'wrong' } });
    expect(res.status).toBe(403);
  });
});

describe('files referenced by requests', () => {
  it('accepts only files of the estate and kind, and links them to one request', async () => {
    const { db } = ctx.database;
    const actor = actorOf(agent);
    const photo = (await upload(agent, uniquePng('usable-photo'))).body.id as string;
    const signature = (await upload(agent, uniquePng('usable-sig'), { kind: 'signature' })).body.id as string;
    const foreign = (await upload(twAgent, uniquePng('usable-twd'), { estateId: twd })).body.id as string;
    const [first, second] = await rows<{ id: string }>(
      db,
      sql`select id from requests where estate_id = ${ygh} order by id limit 2`,
    );

    const found = await assertFilesUsable(db, actor, ygh, [photo, signature]);
    expect(found.map((f) => f.id)).toEqual([photo, signature]);
    expect(
      await fieldsOf(assertFilesUsable(db, actor, ygh, [photo, newId()], { field: 'attachments' })),
    ).toEqual({ 'attachments.1': expect.objectContaining({ key: expect.any(String) }) });
    expect(Object.keys(await fieldsOf(assertFilesUsable(db, actor, ygh, [foreign])))).toEqual(['fileIds.0']);
    expect(Object.keys(await fieldsOf(assertFilesUsable(db, actor, twd, [photo])))).toEqual(['fileIds.0']);
    expect(
      Object.keys(
        await fieldsOf(
          assertFilesUsable(db, actor, ygh, photo, { kind: 'signature', field: 'signatureFileId' }),
        ),
      ),
    ).toEqual(['signatureFileId']);
    await assertFilesUsable(db, actor, ygh, signature, { kind: 'signature' });

    await db.transaction((tx) => linkFilesToRequest(tx, [photo, signature, photo], first!.id));
    expect((await filesOf(db, first!.id)).sort()).toEqual([photo, signature].sort());
    // Its own request may use them again; another may not.
    await assertFilesUsable(db, actor, ygh, [photo], { requestId: first!.id });
    expect(
      Object.keys(await fieldsOf(assertFilesUsable(db, actor, ygh, [photo], { requestId: second!.id }))),
    ).toEqual(['fileIds.0']);
    expect(
      Object.keys(await fieldsOf(db.transaction((tx) => linkFilesToRequest(tx, [photo], second!.id)))),
    ).toEqual(['fileIds']);
    expect((await filesOf(db, second!.id)).length).toBe(0);
  });
});
