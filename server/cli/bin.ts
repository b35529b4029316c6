import { main } from './main';

/**
 * The shipped CLI's entry (built to out/cli/handoff.cjs; bin/handoff.js requires it and calls
 * main). Run directly (`node out/cli/handoff.cjs serve`), it runs the command itself.
 */
export { main };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
