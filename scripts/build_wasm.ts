/** Writes src/core/model/kernels/sgd_simd_module.ts from sgd_simd.wat. */
import { writeFile } from 'node:fs/promises';

import { MODULE_PATH, renderSimdModule } from './wasm_compile';

await writeFile(MODULE_PATH, await renderSimdModule());
console.log(`Wrote ${MODULE_PATH}`);
