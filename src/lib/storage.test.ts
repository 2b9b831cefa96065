import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localStorage } from './storage.js';

describe('local file storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-storage-'));
  const storage = localStorage(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores the same bytes sent many times at once (a small photo is its own thumbnail) under one key, leaving no temporary file', async () => {
    for (let round = 0; round < 5; round++) {
      const bytes = Buffer.from(`photo ${round} `.repeat(50_000));
      const keys = await Promise.all(Array.from({ length: 20 }, () => storage.put(bytes, 'jpg')));
      expect(new Set(keys).size).toBe(1);
      expect((await storage.get(keys[0]))?.equals(bytes)).toBe(true);
      expect(fs.readdirSync(path.join(root, keys[0].slice(0, 2))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('answers null, not an error, for a key with no file', async () => {
    const key = 'f'.repeat(64) + '.pdf';
    expect(await storage.get(key)).toBeNull();
    expect(await storage.stream(key)).toBeNull();
  });
});
