/** The part of the `debug` package's API that JsSIP uses; see debug-shim.cjs. */
interface Debugger {
  (...args: unknown[]): void;
  readonly namespace: string;
  readonly enabled: boolean;
  log: ((...args: unknown[]) => void) | undefined;
  extend(sub: string, delimiter?: string): Debugger;
}

interface CreateDebug {
  (namespace: string): Debugger;
  log: (...args: unknown[]) => void;
  enable(spec: string): void;
  disable(): string;
  enabled(namespace: string): boolean;
  readonly default: CreateDebug;
  readonly debug: CreateDebug;
}

declare const createDebug: CreateDebug;
export = createDebug;
