// Compiles the contracts with solcjs (no compiler download) through standard JSON and writes
// <Name>.abi.json and <Name>.bin for each into the output folder given as the first argument.
// Run by the Maven build (exec-maven-plugin); `npm ci` in this folder installs solc first.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', '..', '..', 'target', 'classes', 'ai', 'perspective', 'chain', 'contracts');

const sources = {};
for (const file of readdirSync(join(here, 'contracts')).filter(f => f.endsWith('.sol')).sort()) {
  sources[`contracts/${file}`] = { content: readFileSync(join(here, 'contracts', file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(path) {
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch (e) {
    return { error: `not found: ${path}` };
  }
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter(e => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

mkdirSync(out, { recursive: true });
for (const source of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[source] ?? {})) {
    writeFileSync(join(out, `${name}.abi.json`), JSON.stringify(contract.abi, null, 1));
    writeFileSync(join(out, `${name}.bin`), contract.evm.bytecode.object);
    console.log(`compiled ${name} (${contract.evm.bytecode.object.length / 2} bytes) with solc ${solc.version()}`);
  }
}
