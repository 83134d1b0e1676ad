import { fileURLToPath } from 'node:url';

/** Absolute path of a file in the repository. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

export const BUNDLED_SPEC = repoPath('spec/dhcpv4-failover.yaml');
export const TOY_SPEC = repoPath('test/fixtures/specs/toy-pair.yaml');
