import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that serve the embedded SQLite hub on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toMatch(/data$/);
    expect(config.hubTimeZone).toBe('Europe/Brussels');
    expect(loadConfig({ HUB_TIME_ZONE: 'Europe/Helsinki' }).hubTimeZone).toBe('Europe/Helsinki');
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be a whole number from 0 to 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres/],
    ['BASE_URL', 'not a url', /BASE_URL must be a URL/],
    ['SECRET', 'short', /SECRET must be at least 32/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['RUN_WORKER', 'maybe', /RUN_WORKER must be true or false/],
    ['TRUST_PROXY', 'proxy.example.org', /TRUST_PROXY must be true, false, or addresses and CIDR ranges/],
    ['TRUST_PROXY', '10.0.0.0/33', /got "10.0.0.0\/33"/],
    ['TRUST_PROXY', '10.0.0.1, , 10.0.0.2', /TRUST_PROXY must be/],
    ['TRUST_PROXY', '1', /not a number of hops/],
    ['HUB_TIME_ZONE', 'Europe/Nowhere', /HUB_TIME_ZONE must be an IANA time zone/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('trusts no proxy unless TRUST_PROXY names them', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it('makes the CLI exit with code 1 and a clear message for a bad value', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'src/main.ts', 'migrate'], { env: { ...process.env, PORT: 'abc' }, stdio: 'pipe' });
    } catch (error: any) {
      status = error.status;
      stderr = String(error.stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('Configuration error: PORT must be a whole number');
  });
});
