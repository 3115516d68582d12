/**
 * `npm run backup [-- --out DIR] [--force]` and `npm run restore -- DIR --yes [--force]`: backups of the
 * database the settings point at (DATABASE_URL, or the embedded one in DATA_DIR) and of the
 * attachments (FILES_DIR). See platform/backup.ts for what a backup holds.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backup, readManifest, restore } from './platform/backup.ts';
import { ConfigError, loadConfig } from './platform/config.ts';

const USAGE = `npm run backup [-- --out DIR]          back up the database and the attachments into DIR
                                        (default ./backups/wuye-<mode>-<time>)
npm run restore -- DIR --yes            put the backup in DIR back (replaces the database's data)
  --force   go ahead although the embedded database looks open (after a crash; never while it runs)`;

function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

const size = (bytes: number) =>
  bytes < 1_048_576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
const attachments = (n: number) => `${n} attachment${n === 1 ? '' : 's'}`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      yes: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const help = values.help || command === '--help' || command === '-h';
  if (help || (command !== 'backup' && command !== 'restore')) {
    console.log(USAGE);
    return help ? 0 : 2;
  }
  const cfg = loadConfig(process.env, null);
  const base = process.env.INIT_CWD ?? process.cwd();
  const source = { databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, filesDir: cfg.filesDir };
  const where = cfg.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${cfg.dataDir}`;

  if (command === 'backup') {
    const out = path.resolve(
      base,
      values.out ??
        path.join('backups', `wuye-${cfg.databaseUrl ? 'postgres' : 'pglite'}-${stamp(new Date())}`),
    );
    const m = await backup(source, out, { force: values.force });
    console.log(
      `Backed up ${where} (${m.migrations} migrations, ${size(m.database.bytes)}) and ` +
        `${attachments(m.files.count)} (${size(m.files.bytes)}) to\n  ${out}`,
    );
    return 0;
  }

  const dir = positionals[0];
  if (!dir) {
    console.error(`restore needs the backup's directory\n\n${USAGE}`);
    return 2;
  }
  const from = path.resolve(base, dir);
  const manifest = readManifest(from);
  if (!values.yes) {
    console.error(
      `This replaces the data of ${where} with the backup of ${manifest.createdAt} ` +
        `(${manifest.kind}, ${attachments(manifest.files.count)}). Stop Wuye Desk, then run again with --yes.`,
    );
    return 2;
  }
  const { movedAside } = await restore(from, source, { force: values.force });
  console.log(`Restored ${where} from ${from}.`);
  if (movedAside) console.log(`The database it replaced was kept in ${movedAside}.`);
  console.log('Start Wuye Desk: it migrates the restored database forward if the backup is older.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BackupError || err instanceof ConfigError) {
      console.error(`Error: ${err.message}`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  },
);
