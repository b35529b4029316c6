import fs from 'node:fs';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/** The OASIS EDXL-HAVE 1.0 schema and its CIQ, GML and xlink imports (tests/fixtures/edxl-have). */
const ROOT = path.resolve(__dirname, '../fixtures/edxl-have');
const MAIN = 'have/1.0/edxl-have.xsd';

function schemaFiles(): XMLFileInfo[] {
  const out: XMLFileInfo[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.xsd'))
        out.push({
          fileName: path.relative(ROOT, full).split(path.sep).join('/'),
          contents: fs.readFileSync(full, 'utf8'),
        });
    }
  };
  walk(ROOT);
  return out;
}

let files: XMLFileInfo[] | null = null;

/** libxml2's schema errors for a document (empty when it is valid EDXL-HAVE 1.0). */
export async function haveSchemaErrors(xml: string): Promise<string[]> {
  files ??= schemaFiles();
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: files.find((f) => f.fileName === MAIN)!,
    preload: files.filter((f) => f.fileName !== MAIN),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
