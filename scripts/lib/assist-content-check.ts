import type { Plugin } from 'vite';
import { assistContentSchema } from '../../shared/assist/content-schema';

const CONTENT_FILE = /[\\/]renderer[\\/]src[\\/]features[\\/]assist[\\/]content[\\/][^\\/]+\.json$/;

/**
 * The de-escalation content files ship with the app: each is checked against its schema when it
 * is bundled, and a bad one fails the build. The page then takes them as they are, so no zod
 * schema is built in the renderer at start (issue 19); content.test.ts checks the same files.
 */
export function assistContentCheck(): Plugin {
  return {
    name: 'warmline-assist-content-check',
    // Before Vite's JSON plugin turns the file into a module: the text here is still the file's.
    enforce: 'pre',
    transform(code, id) {
      if (!CONTENT_FILE.test(id)) return undefined;
      const result = assistContentSchema.safeParse(JSON.parse(code));
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        this.error(`${id} does not match the assist content schema: ${issues}`);
      }
      return undefined;
    },
  };
}
