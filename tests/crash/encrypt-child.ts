import { openBackend } from '../../server/app';

/** Child of the encryption kill -9 test: the first start of an existing plain database. */
openBackend({ dataDir: process.argv[2]! }).close();
process.stdout.write('done\n');
