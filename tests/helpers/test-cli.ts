import { AdjustableClock } from './adjustable-clock';
import { commands, main, out } from '../../server/cli/main';
import { runServe } from '../../server/cli/serve';

/**
 * The test build of the CLI (out/cli/handoff-test.cjs, built by scripts/build-cli.mjs; never
 * shipped): `handoff serve` on an adjustable clock, with POST /api/test/clock to set or advance
 * it. The e2e tests run this build (tests/helpers/serve.ts); the shipped out/cli/handoff.cjs has
 * no such route (tests/e2e/shipped-build.spec.ts).
 */
function serveWithTestClock(args: string[]): Promise<number> {
  const clock = new AdjustableClock();
  return runServe(args, out, {
    clock,
    routes: {
      '/api/test/clock': (body) => {
        if (typeof body.now === 'number') clock.set(body.now);
        if (typeof body.advanceMs === 'number') clock.advance(body.advanceMs);
        return { now: clock.now() };
      },
    },
  });
}

if (require.main === module) {
  main(process.argv.slice(2), { ...commands, serve: serveWithTestClock }).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
