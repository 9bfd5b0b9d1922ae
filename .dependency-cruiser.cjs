/**
 * The layering, as rules that fail `npm run lint`.
 *
 *   src/index.ts → src/app.ts → src/server, src/bot, src/features, dialogs → src/services.ts
 *   → src/domain, src/reminders, src/qa, src/export, src/text → src/campaign, src/store, src/util
 *
 * The domain is plain logic: it owns its ports (src/domain/notifier.ts) and role
 * names, and never reaches up to the bot, the features, the dialogs or Services.
 * Type-only imports count: a cycle through `import type` is still a cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide who owns what; move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-stays-down',
      severity: 'error',
      comment: 'src/domain/ is plain logic: it may not import the bot edge, features, dialogs, Services or the app.',
      from: { path: '^src/domain/' },
      to: { path: '^(src/bot/|src/features/|src/server/|dialogs/|src/services\\.ts$|src/app\\.ts$|src/index\\.ts$)' },
    },
    {
      name: 'text-is-a-leaf',
      severity: 'error',
      comment: 'The text catalogue (src/text) is read by every layer, so it imports only the campaign types and utilities.',
      from: { path: '^src/text/' },
      to: { path: '^src/', pathNot: '^src/(text|campaign|util)/' },
    },
    {
      name: 'domain-without-botbuilder',
      severity: 'error',
      comment: 'botbuilder stays at the edge (src/bot, src/server, dialogs): the SDK is archived and may be swapped.',
      from: { path: '^src/(domain|reminders|qa|export|campaign|util)/' },
      to: { path: '^node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'dialogs-do-not-call-back',
      severity: 'error',
      comment:
        "A feature (src/features/<name>.ts) registers its dialogs; a dialog may use the feature's parts (src/features/<name>/…) but never the file that registers it.",
      from: { path: '^dialogs/' },
      to: { path: '^src/features/[^/]+\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // lowdb and others are ESM-only packages resolved through their "exports" map.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^(var|coverage)/' },
  },
};
