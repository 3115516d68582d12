/**
 * Configuration from the environment (spec 09 conventions). Production refuses to start with the
 * development secret or with demo seeding switched on.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';

export const DEV_SECRET = 'wuye-desk-development-secret-not-for-production';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Attachments, content-addressed (`DATA_DIR/files`; FILES_DIR for a store shared by several processes). */
  filesDir: string;
  /** Largest attachment accepted, in bytes (MAX_UPLOAD_MB, default 10). */
  maxUploadBytes: number;
  databaseUrl: string | null;
  demo: boolean;
  production: boolean;
  secret: string;
  cookieSecure: boolean;
  /** Bootstraps the first administrator of an empty production database. */
  initialAdmin: { username: string; password: string; companyName: string } | null;
  webDist: string | null;
  logLevel: string;
  /**
   * Server processes on this machine (WORKERS: a number or `auto` for one per core; default 1). Above
   * one, a primary process migrates, then starts the workers, which share the port (decision 0027).
   */
  workers: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, webDist: string | null = null): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT is not a port: ${env.PORT}`);
  const demo =
    env.DEMO === undefined ? !production && !env.DATABASE_URL : env.DEMO === '1' || env.DEMO === 'true';
  const secret = env.WUYE_SECRET ?? (production ? '' : DEV_SECRET);
  // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed `npm start`.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? './data');
  const maxUploadMb = Number(env.MAX_UPLOAD_MB ?? 10);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0 || maxUploadMb > 1024)
    throw new ConfigError(`MAX_UPLOAD_MB is not a size in MB: ${env.MAX_UPLOAD_MB}`);
  const cfg: Config = {
    port,
    // 'localhost' listens on 127.0.0.1 and, where the machine has it, ::1 — so http://localhost:3000
    // works whichever address a client tries first.
    host: env.HOST ?? (production ? '0.0.0.0' : 'localhost'),
    dataDir,
    filesDir: env.FILES_DIR
      ? path.resolve(env.INIT_CWD ?? process.cwd(), env.FILES_DIR)
      : path.join(dataDir, 'files'),
    maxUploadBytes: Math.round(maxUploadMb * 1024 * 1024),
    databaseUrl: env.DATABASE_URL || null,
    demo,
    production,
    secret,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === '1' : production,
    initialAdmin: env.WUYE_ADMIN_PASSWORD
      ? {
          username: env.WUYE_ADMIN_USERNAME ?? 'admin',
          password: env.WUYE_ADMIN_PASSWORD,
          companyName: env.WUYE_COMPANY_NAME ?? '物业公司',
        }
      : null,
    webDist,
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'info'),
    workers: parseWorkers(env.WORKERS),
  };
  if (cfg.workers > 1 && !cfg.databaseUrl)
    throw new ConfigError(
      `WORKERS=${env.WORKERS} needs DATABASE_URL: the embedded PGlite database belongs to one process`,
    );
  if (cfg.workers > 1 && cfg.demo)
    throw new ConfigError(
      `WORKERS=${env.WORKERS} cannot run with DEMO=1: the demo's test clock (/api/dev/clock) lives in one process`,
    );
  if (production) assertProductionSafe(cfg);
  return cfg;
}

const MAX_WORKERS = 64;

function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new ConfigError(`WORKERS must be a whole number from 1 to ${MAX_WORKERS}, or auto: ${value}`);
  return n;
}

function assertProductionSafe(cfg: Config): void {
  const problems: string[] = [];
  if (cfg.demo)
    problems.push('DEMO must not be set in production (it would create demo users with known passwords)');
  if (!cfg.secret || cfg.secret === DEV_SECRET || cfg.secret.length < 32)
    problems.push('WUYE_SECRET must be set to a random string of at least 32 characters');
  if (cfg.initialAdmin) {
    const p = cfg.initialAdmin.password;
    if (p.length < 12 || p === 'demo1234' || /^(.)\1+$/.test(p))
      problems.push('WUYE_ADMIN_PASSWORD must be at least 12 characters and not a default password');
  }
  if (problems.length) throw new ConfigError(`Refusing to start in production:\n- ${problems.join('\n- ')}`);
}
