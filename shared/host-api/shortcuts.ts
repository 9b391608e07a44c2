import { z } from 'zod/mini';
import {
  canonicalAccelerator,
  SHORTCUT_ACTIONS,
  SHORTCUT_STATUSES,
  SHORTCUT_VALIDATION,
  type ShortcutAction,
  type ShortcutStatus,
} from './keymap';

export * from './keymap';

/** One accelerator in Electron's syntax, or '' for "no shortcut". */
export const acceleratorSchema = z
  .string()
  .check(z.maxLength(64, { message: 'tooLong' }))
  .check(z.refine((s) => s === '' || canonicalAccelerator(s) !== undefined, { message: SHORTCUT_VALIDATION.accelerator }));

const bindingsShape = Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, acceleratorSchema])) as Record<
  ShortcutAction,
  typeof acceleratorSchema
>;

/** Two actions on one key would fire both; the second one is reported on its own field. */
function noDuplicates(bindings: Partial<Record<ShortcutAction, string>>, ctx: z.core.$RefinementCtx) {
  const seen = new Map<string, ShortcutAction>();
  for (const action of SHORTCUT_ACTIONS) {
    const accelerator = bindings[action];
    const canonical = accelerator ? canonicalAccelerator(accelerator) : undefined;
    if (!canonical) continue;
    if (seen.has(canonical)) ctx.addIssue({ code: 'custom', path: [action], message: SHORTCUT_VALIDATION.duplicate });
    else seen.set(canonical, action);
  }
}

export const shortcutBindingsSchema = z.strictObject(bindingsShape).check(z.superRefine(noDuplicates));

/** What the agent saves: any subset; checked for duplicates again once merged with what is stored. */
export const shortcutsPatchSchema = z.partial(z.strictObject(bindingsShape)).check(z.superRefine(noDuplicates));
export type ShortcutsPatch = Readonly<z.infer<typeof shortcutsPatchSchema>>;

export const shortcutsViewSchema = z.strictObject({
  bindings: shortcutBindingsSchema,
  status: z.object(
    Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, z.enum(SHORTCUT_STATUSES)])) as Record<
      ShortcutAction,
      z.ZodMiniEnum<{ [K in ShortcutStatus]: K }>
    >,
  ),
});
export type ShortcutsView = Readonly<z.infer<typeof shortcutsViewSchema>>;
