import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { detectZodJit, policyAllowsEval, ZOD_JIT } from '../../../src/contract/zod-mode.js';

describe('zod mode', () => {
  it('reads whether a policy allows eval from script-src, else default-src', () => {
    expect(policyAllowsEval("default-src 'self'; script-src 'self'")).toBe(false);
    expect(policyAllowsEval("script-src 'self' 'unsafe-eval'")).toBe(true);
    expect(policyAllowsEval("default-src 'self'")).toBe(false);
    expect(policyAllowsEval("default-src 'self' 'UNSAFE-EVAL'")).toBe(true);
    // script-src wins over default-src, and the first of a repeated directive counts.
    expect(policyAllowsEval("default-src 'unsafe-eval'; script-src 'self'")).toBe(false);
    expect(policyAllowsEval("script-src 'self'; script-src 'unsafe-eval'")).toBe(false);
    // A policy that restricts neither scripts nor the default leaves eval alone.
    expect(policyAllowsEval("img-src 'self'; object-src 'none'")).toBe(true);
  });

  it('runs with the JIT in Node (eval works, no page policy) and reports it in the diagnostics', () => {
    expect(detectZodJit()).toBe(true);
    expect(ZOD_JIT).toBe(true);
    expect(new FleetBus().diagnostics.zodJit).toBe(true);
  });
});
