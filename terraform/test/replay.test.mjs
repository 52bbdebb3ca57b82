// How the deploy replay is written out: deploy-targets' steps become the plan_options.target of the
// template's run blocks, in the script's order, or the replay refuses to be written.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTargets, replayTest } from './scripts/terraform.mjs';
import { envDir } from './lib/terraform.mjs';

const TEMPLATE = 'run "registry" {\n  assert {}\n}\n\nrun "migrate" {\n  assert {}\n}\n\nrun "everything" {\n}\n';

describe('The deploy replay', () => {
  test('each step gets its targets, and the untargeted run none', () => {
    const text = replayTest(TEMPLATE, [
      { step: 'registry', addresses: ['module.registry'] },
      { step: 'migrate', addresses: ['module.functions.aws_lambda_function.this["products-migrate"]', 'module.x'] },
    ]);
    assert.match(text, /run "registry" \{\n  plan_options \{\n    target = \[\n      module\.registry,\n    \]\n  \}\n/);
    assert.match(text, /run "migrate" \{\n  plan_options \{\n    target = \[\n      module\.functions\.aws_lambda_function\.this\["products-migrate"\],\n      module\.x,\n    \]/);
    assert.match(text, /run "everything" \{\n\}/);
  });

  test('a step without its run block, or out of order, or without an address is refused', () => {
    assert.throws(() => replayTest(TEMPLATE, [{ step: 'unknown', addresses: ['module.x'] }]), /no run "unknown" block/);
    assert.throws(() => replayTest(TEMPLATE, [
      { step: 'migrate', addresses: ['module.x'] },
      { step: 'registry', addresses: ['module.y'] },
    ]), /out of the order/);
    assert.throws(() => replayTest(TEMPLATE, [{ step: 'registry', addresses: [] }]), /has no address/);
  });

  test('the environment\'s deploy-targets has every step of the script, and the template their run blocks', () => {
    const steps = readTargets(path.join(envDir, 'deploy-targets'));
    assert.deepEqual(steps.map((s) => s.step), ['registry', 'user-pool', 'migrate', 'unprotect-database']);
    const script = readFileSync(path.join(envDir, '../../../scripts/deploy'), 'utf8');
    for (const { step } of steps) assert.match(script, new RegExp(`step_targets ${step}\\b`), step);
    assert.doesNotThrow(() => replayTest(readFileSync(path.join(envDir, 'tests/deploy_replay.hcl'), 'utf8'), steps));
  });
});
