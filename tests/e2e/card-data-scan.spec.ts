import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CHECKOUT_CARDS } from '@/sandbox/checkout-cards';
import { TEST_CARDS } from '@/sandbox/test-cards';
import { E2E_CHECKOUT_DATA_DIR, E2E_DATA_DIR, E2E_LOG_FILE } from './support/e2e-env';

/**
 * Runs after every other browser journey (a dependent Playwright project): the app's database
 * files, its log and the sandbox's state on disk must hold no card number and no CVV, whatever
 * the journeys typed into the card fields.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const CVV_FIELD = /"(cvv|cvc|cvv2|securityCode|card_?security_?code)"\s*:\s*"?\d{3,4}/i;

test('no card number or CVV is stored in the database, the log or the sandbox state', () => {
  // The checkout app's own data too: its guests typed cards into the stand-in's frame, whose
  // state lives with the sandbox under E2E_DATA_DIR.
  const files = [E2E_DATA_DIR, E2E_CHECKOUT_DATA_DIR]
    .flatMap((dir) => filesUnder(dir))
    .filter((file) => statSync(file).size > 0);
  const pans = [...TEST_CARDS.map((card) => card.pan), ...Object.values(CHECKOUT_CARDS)];
  expect(files.some((file) => file.includes(`${path.sep}pglite${path.sep}`))).toBe(true);
  expect(files).toContain(path.normalize(E2E_LOG_FILE));
  expect(readFileSync(E2E_LOG_FILE, 'utf8').length).toBeGreaterThan(0);

  const findings: string[] = [];
  let bytesScanned = 0;
  for (const file of files) {
    const content = readFileSync(file).toString('latin1');
    bytesScanned += content.length;
    for (const pan of pans) {
      if (content.includes(pan)) findings.push(`${file}: card number ${pan.slice(0, 6)}…`);
    }
    if (CVV_FIELD.test(content)) findings.push(`${file}: a CVV field`);
  }
  test.info().annotations.push({
    type: 'scanned',
    description: `${files.length} files, ${bytesScanned} bytes`,
  });
  expect(findings).toEqual([]);
});
