import { prepareDefinition } from './definition';
import { InvalidDefinitionError } from './errors';

const task = (fields: Record<string, unknown>) => ({
  StartAt: 'Work',
  States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true, ...fields } },
});

const refusal = (definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): string => {
  try {
    prepareDefinition('machine', definition, type);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return error.message;
    throw error;
  }
  throw new Error('the definition was accepted');
};

describe('definitions are refused when the local interpreter would run them wrongly', () => {
  it('refuses JSONata anywhere, naming the state', () => {
    expect(refusal({ QueryLanguage: 'JSONata', ...task({}) })).toMatch(/QueryLanguage JSONata/);
    expect(refusal(task({ QueryLanguage: 'JSONata', Arguments: { a: '{% $states.input %}' } }))).toMatch(/state 'Work' uses QueryLanguage JSONata/);
  });

  it.each(['Assign', 'Output', 'Arguments'])('refuses the %s field, naming the state', (field) => {
    expect(refusal(task({ [field]: { x: 1 } }))).toMatch(new RegExp(`state 'Work' has ${field}`));
  });

  it('finds unsupported fields inside Parallel branches and Map processors', () => {
    const nested = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Assign: { n: 1 }, End: true } } }],
        },
      },
    };
    expect(refusal(nested)).toMatch(/state 'Inner' has Assign/);
  });

  it('refuses resources it cannot run and callbacks in EXPRESS machines', () => {
    expect(refusal(task({ Resource: 'arn:aws:states:::sqs:sendMessage' }))).toMatch(/state 'Work' has Resource "arn:aws:states:::sqs:sendMessage"/);
    expect(refusal(task({ Resource: 'arn:aws:states:::dynamodb:putItem.sync' }))).toMatch(/cannot run locally/);
    expect(refusal(task({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f' } }), 'EXPRESS')).toMatch(
      /waitForTaskToken which AWS does not allow in EXPRESS/,
    );
  });

  it('reports what asl-validator finds', () => {
    expect(refusal({ StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } })).toMatch(/MISSING_TRANSITION_TARGET/);
    expect(refusal('{not json')).toMatch(/must be a JSON object/);
  });

  it('hands the interpreter a definition that never times out on its own and lets States.Timeout match heartbeats', () => {
    const prepared = prepareDefinition(
      'machine',
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
            HeartbeatSeconds: 5,
            Retry: [{ ErrorEquals: ['States.Timeout'] }],
            End: true,
          },
        },
      },
      'STANDARD',
    );
    expect(prepared.taskStates.get('Work')).toMatchObject({ heartbeatSeconds: 5, timeoutSeconds: undefined, resource: { pattern: 'requestResponse' } });
    expect(prepared.forInterpreter).toMatchObject({
      States: { Work: { TimeoutSeconds: 2147483, Retry: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'] }] } },
    });
    expect(prepared.original).toMatchObject({ States: { Work: { HeartbeatSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'] }] } } });
  });
});
