import { arrayOf, bool, int, object, oneOfStrings, payload, str } from './common.js';

export const routesSchema = payload(
  'routes',
  {
    family: oneOfStrings('ipv4', 'ipv6'),
    vrf: str(),
    count: int({ minimum: 0 }),
    truncated: bool,
    routes: arrayOf(
      object(
        {
          prefix: str(),
          protocol: str(),
          code: str(),
          distance: int({ minimum: 0 }),
          metric: int({ minimum: 0 }),
          nextHops: arrayOf(object({ address: str(), interface: str() })),
        },
        ['prefix', 'protocol', 'code', 'nextHops'],
      ),
    ),
  },
  ['family', 'count', 'truncated', 'routes'],
);
