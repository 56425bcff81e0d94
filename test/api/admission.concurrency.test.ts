import { Role } from '../../server/modules/identity';
import { type Client, startApi, type TestApi } from '../helpers/api';
import { buildIndicatorLibrary, signIn } from '../helpers/world';

/**
 * Admission decisions taken at the same moment (found by `npm run bench:load`): several performance-division users
 * approving different requests of one category must each get the indicator admitted under its own code, never a
 * DUPLICATE from two approvals computing the same next code.
 *
 * It proves the fix on the PostgreSQL server, where the approvals' transactions really overlap (without the lock, 4
 * of 6 were refused). On the embedded PGlite every connection is served by one backend session in turn, so the
 * approvals cannot overlap there and the test only shows that they all succeed.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

interface Request {
  id: string;
  version: number;
  status: string;
  resultIndicator: { code: string } | null;
}

const FIELDS = 'id version status resultIndicator { code }';
const PROPOSE = `mutation($input: ProposeIndicatorChangeInput!) { proposeIndicatorChange(input: $input) { request { ${FIELDS} } } }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitIndicatorChangeRequest(id: $id, version: $version) { ${FIELDS} } }`;
const PRECHECK = `mutation($id: ID!, $version: Int!) {
  precheckIndicatorChangeRequest(id: $id, version: $version, decision: PASS) { ${FIELDS} }
}`;
const APPROVE = `mutation($id: ID!, $version: Int!) { approveIndicatorChangeRequest(id: $id, version: $version) { ${FIELDS} } }`;

describe('simultaneous approvals', () => {
  it('admits different requests of one category at once, each under the next free code', async () => {
    const library = await buildIndicatorLibrary(api, {
      name: '并发入库区划',
      frameworkName: '并发入库体系',
      category: { code: '1301' },
    });
    const preparer = await signIn(api, [Role.UNIT_PREPARER], library.fd, { departmentId: library.cityMgmt });
    const officer = await signIn(api, [Role.DEPARTMENT_OFFICER], library.fd, { departmentId: library.cityMgmt });
    const approvers: Client[] = [];
    for (let i = 0; i < 6; i++) approvers.push(await signIn(api, [Role.PERFORMANCE_ADMIN], library.fd));

    const waiting: Request[] = [];
    for (let i = 0; i < approvers.length; i++) {
      const { proposeIndicatorChange } = await preparer.ok<{ proposeIndicatorChange: { request: Request } }>(PROPOSE, {
        input: {
          type: 'ADMIT',
          reason: '项目绩效目标需要该指标',
          definition: {
            name: `并发入库指标${i + 1}`,
            scope: 'INDUSTRY',
            categoryId: library.category,
            level2NodeId: library.quantity,
            defaultComparator: 'GE',
            defaultUnit: '%',
            valueType: 'QUANTITATIVE',
          },
        },
      });
      const r = proposeIndicatorChange.request;
      const { submitIndicatorChangeRequest: s } = await preparer.ok<{ submitIndicatorChangeRequest: Request }>(SUBMIT, {
        id: r.id,
        version: r.version,
      });
      const { precheckIndicatorChangeRequest: p } = await officer.ok<{ precheckIndicatorChangeRequest: Request }>(
        PRECHECK,
        { id: s.id, version: s.version },
      );
      waiting.push(p);
    }

    const results = await Promise.all(
      waiting.map((r, i) =>
        approvers[i]?.gql<{ approveIndicatorChangeRequest: Request }>(APPROVE, { id: r.id, version: r.version }),
      ),
    );
    expect(results.map((r) => r?.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(waiting.map(() => 'OK'));
    const codes = results.map((r) => r?.data?.approveIndicatorChangeRequest.resultIndicator?.code).sort();
    // The category had no indicators: the six are numbered from 0001, one code each.
    expect(codes).toEqual(['HY13010001', 'HY13010002', 'HY13010003', 'HY13010004', 'HY13010005', 'HY13010006']);
  });
});
