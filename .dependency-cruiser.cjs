/**
 * The import rules between modules, run by `npm run check` (see docs/ARCHITECTURE.md, "Dependency rules").
 * A module (a folder under src/modules/) is reached from outside only through its `service.ts` (its data and
 * operations) and its `index.ts` (its manifest); the modules never import each other in a circle.
 * Left out: tests (a test may set up another module's data to exercise its own), and src/db/types.ts, the one
 * place that composes every module's table types into the Database type (type-only: it would otherwise put
 * every module in a circle through src/db, and dependency-cruiser's folder rules cannot skip a hop).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      comment:
        'Two modules import each other (through any chain). Break it with a contribution in the manifest ' +
        '(an event-page section, a search source, a job) so that the lower module does not need the higher one.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+$' },
      to: { path: '^src/modules/[^/]+$', circular: true },
    },
    {
      name: 'no-module-internals',
      comment:
        "Another module's internals (schema, views, tables, helpers) are its own: use its service.ts, or contribute " +
        'through the manifest (index.ts).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|service)\\.tsx?$'],
      },
    },
    {
      name: 'no-circular-files',
      comment:
        'A file that reaches itself through its imports: load order decides what is undefined. Imports of types only ' +
        'are erased, so they do not count.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.tsx?$', '^src/web/public/', '^src/db/types\\.ts$'] },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
