import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { getMewsClient, mews, setMewsClient, type MewsClient } from '@/lib/mews';
import { IDS, wireConfiguration } from './fixtures';
import { jsonResponse, testClient } from './support';

afterEach(() => setMewsClient(undefined));

describe('lib/mews public entry point', () => {
  it('`mews` delegates every operation to the current default client', async () => {
    const { client, scripted } = testClient({
      'configuration/get': [jsonResponse(wireConfiguration())],
    });
    setMewsClient(client);
    expect(getMewsClient()).toBe(client);
    expect((await mews.getConfiguration()).enterprise.id).toBe(IDS.enterprise);
    expect(scripted.count('configuration/get')).toBe(1);
    const methods = Object.keys(mews).sort();
    expect(methods).toEqual(Object.keys(client).sort() as Array<keyof MewsClient>);
  });

  it('builds the default client from the app configuration (offline sandbox by default)', () => {
    // A fresh configuration read, with the embedded set-up writing its files to a temp folder.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mews-index-test-'));
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    resetConfigForTests();
    try {
      // Only builds the client: no request is sent, so no sandbox is needed.
      expect(typeof getMewsClient().chargeCreditCard).toBe('function');
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
      resetConfigForTests();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
