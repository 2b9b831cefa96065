// Starts the real server (src/main.ts) as a child process, for benchmarks and crash tests.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHttp } from './_util.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the child wrote to stderr, for error reports. */
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Runs `src/main.ts <command>` under tsx and waits until /healthz answers. */
export async function startServer(env: Record<string, string>, command = 'serve', timeoutMs = 30_000): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env.CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', path.join(root, 'src/main.ts'), command], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${url}/healthz`, timeoutMs, () => `: ${stderr}`);
  return { url, child, stderr: () => stderr, exited };
}

/** A CSRF token and its cookie, as a browser holds them after loading a form. */
export async function csrfPair(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${url}/api/csrf-token`);
  const { token } = (await response.json()) as { token: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, token };
}
