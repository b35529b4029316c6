import { build, type BuildOptions } from 'esbuild';

/**
 * Bundles one entry into a single CommonJS file a plain `node` process (or a worker thread) can
 * run, the way scripts/build-cli.mjs does: packages stay external, so the native SQLite driver
 * comes from node_modules.
 */
export async function bundleForNode(
  entry: string,
  outfile: string,
  extra: Omit<BuildOptions, 'entryPoints' | 'outfile'> = {},
): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    ...extra,
  });
  return outfile;
}
