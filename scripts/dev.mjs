// `npm run dev`: the API with reload on change (tsx watch, port 3000) and the web app with hot
// module replacement (Vite, port 5173, proxying /api to the API). Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npm', ['run', 'dev', '--workspace', '@wuye/server'], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  }),
  spawn('npm', ['run', 'dev', '--workspace', '@wuye/web'], { stdio: 'inherit' }),
];
console.log('\n  Wuye Desk dev: open http://localhost:5173 (API on http://localhost:3000)\n');
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) {
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
