import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILD_INPUTS, ensureProductionBuild } from '@/lib/cli/production-build';
import { ROOT } from './bench-stack';

/**
 * The floor of the overhead budget is a payment that does only what every payment must (see
 * `../least-payment/least-payment-actions.ts`). That action charges cards with no checks at all,
 * so it must never be part of the app's build: the bench builds it into a copy of the sources in
 * the system's temporary folder instead, with the pay page's route extended by one page that uses
 * it. The copy is kept between runs (and only rebuilt when the sources change, like the app).
 */
const OVERLAY = path.join(ROOT, 'tests', 'performance', 'least-payment');
/** Where the overlay lands in the copy: under the pay page, so the same proxy and layout run. */
const LEAST_PAYMENT_PAGE = 'app/pay/[token]/least-payment';
export const LEAST_PAYMENT_ACTION_FILE = `${LEAST_PAYMENT_PAGE}/least-payment-actions.ts`;

export async function prepareLeastPaymentBuild(log: (line: string) => void): Promise<string> {
  const copy = path.join(
    tmpdir(),
    `mews-checkout-least-payment-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
  );
  mkdirSync(copy, { recursive: true });
  for (const entry of [...BUILD_INPUTS, 'package.json', 'sandbox']) {
    rmSync(path.join(copy, entry), { recursive: true, force: true });
    if (existsSync(path.join(ROOT, entry)))
      cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  cpSync(OVERLAY, path.join(copy, LEAST_PAYMENT_PAGE), { recursive: true });
  // Turbopack resolves nothing outside the project's folder, so a symlink to this checkout's
  // node_modules will not do: the copy gets hard links (a few seconds), or a full copy across file
  // systems. Renewed every run, so the copy never builds against stale packages.
  const modules = path.join(copy, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  const linked = spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), modules]);
  if (linked.status !== 0) {
    rmSync(modules, { recursive: true, force: true });
    cpSync(path.join(ROOT, 'node_modules'), modules, { recursive: true, verbatimSymlinks: true });
  }
  await ensureProductionBuild(copy, process.env, () =>
    log(
      `  building the least-payment floor (a copy of the app with one bench-only action) in ${copy}`,
    ),
  );
  return copy;
}
