/**
 * `npm run broker:cluster -- start|stop|kill-node N|start-node N|status`: the
 * local 3-node RabbitMQ cluster (lab/brokers/rabbitmq-cluster.ts). Data under
 * `.tmp/rabbitmq-cluster` (SPOKEPILOT_RABBIT_DIR), MQTT on 25611-25613
 * (SPOKEPILOT_RABBIT_BASE_PORT + 11..13).
 */
import { resolve } from 'node:path';
import { ClusterError, RabbitCluster } from './rabbitmq-cluster.js';

const USAGE = 'usage: npm run broker:cluster -- start | stop | kill-node N | start-node N | status';

export function clusterFromEnv(env: NodeJS.ProcessEnv = process.env): RabbitCluster {
  const basePort = Number(env.SPOKEPILOT_RABBIT_BASE_PORT ?? 25600);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000)
    throw new Error(`SPOKEPILOT_RABBIT_BASE_PORT ${env.SPOKEPILOT_RABBIT_BASE_PORT}: a port between 1024 and 65000`);
  return new RabbitCluster({ dir: resolve(env.SPOKEPILOT_RABBIT_DIR ?? '.tmp/rabbitmq-cluster'), basePort });
}

async function main(argv: string[]): Promise<number> {
  const [verb, arg] = argv;
  const cluster = clusterFromEnv();
  const node = () => {
    const n = Number(arg);
    if (!Number.isInteger(n))
      throw new ClusterError('RABBITMQ_BAD_NODE', `${verb} needs a node number 1-${cluster.size}, got "${arg ?? ''}"`);
    return n;
  };
  switch (verb) {
    case 'start': {
      const t0 = Date.now();
      await cluster.start();
      console.log(`cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s; mqtt.urls: ${cluster.urls.join(',')}`);
      return 0;
    }
    case 'stop':
      await cluster.stop();
      console.log('cluster stopped');
      return 0;
    case 'kill-node': {
      const n = node();
      await cluster.killNode(n);
      console.log(`node ${n} killed (SIGKILL)`);
      return 0;
    }
    case 'start-node': {
      const n = node();
      await cluster.startNode(n);
      console.log(`node ${n} up`);
      return 0;
    }
    case 'status':
      console.log(JSON.stringify(await cluster.status(), null, 2));
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`broker:cluster: ${err.message}`);
      process.exit(1);
    },
  );
}
