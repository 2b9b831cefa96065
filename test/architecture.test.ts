import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// The dependency rules of `npm run check` (.dependency-cruiser.cjs), run on the real tree: they pass as it is, and
// fail when a module reaches into another in a way the architecture forbids.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const probe = path.join(root, 'src/modules/events/architecture-probe.ts');

async function depcruise(): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root });
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('dependency rules', () => {
  afterEach(() => fs.rmSync(probe, { force: true }));

  it('pass on the modules as they are', async () => {
    const result = await depcruise();
    expect(result.output).not.toMatch(/error no-module/);
    expect(result.ok).toBe(true);
  }, 120_000);

  it('fail when events imports registration (a cycle: registration needs events) or its internals', async () => {
    fs.writeFileSync(
      probe,
      "import { registrationSummary } from '../registration/service.js';\nimport { RegistrationBox } from '../registration/views.js';\nexport const probe = [registrationSummary, RegistrationBox];\n",
    );
    const result = await depcruise();
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/no-module-cycle: src\/modules\/events →\s+src\/modules\/registration/);
    expect(result.output).toContain('no-module-internals: src/modules/events/architecture-probe.ts → src/modules/registration/views.tsx');
  }, 120_000);
});
