import { z } from 'zod/mini';

/**
 * Chooses zod's mode before any schema is built (`schemas.ts` imports this
 * module first): zod compiles a fast object parser with `new Function` when it
 * may. Under a Content-Security-Policy without `'unsafe-eval'` that is
 * refused, and even a probe that catches the refusal is reported as a
 * violation, so a policy in a `<meta>` tag is read instead of probed. Only
 * when no meta policy exists is `new Function('')` tried (a policy sent as a
 * header cannot be read from the page).
 */

/** The `script-src` (or `default-src`) sources of a policy, or undefined when it names neither. */
function scriptSources(policy: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('script-src') ?? directives.get('default-src');
}

/** Whether a policy text allows `eval` / `new Function`. */
export function policyAllowsEval(policy: string): boolean {
  const sources = scriptSources(policy);
  return sources === undefined || sources.some((s) => s.toLowerCase() === "'unsafe-eval'");
}

function metaPolicies(): string[] {
  if (typeof document === 'undefined') return [];
  return [...document.querySelectorAll('meta[http-equiv]')]
    .filter((m) => m.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy')
    .map((m) => m.getAttribute('content') ?? '');
}

function evalWorks(): boolean {
  try {
    new Function('');
    return true;
  } catch {
    return false;
  }
}

/** Whether zod may compile its parsers here: every meta policy allows eval, and then eval works. */
export function detectZodJit(): boolean {
  const policies = metaPolicies();
  if (policies.some((p) => !policyAllowsEval(p))) return false;
  return evalWorks();
}

/** True when zod runs with its JIT (compiled parsers); false when jitless (no eval). */
export const ZOD_JIT: boolean = detectZodJit();

if (!ZOD_JIT) z.config({ jitless: true });
