// Polls the API's /healthz every 10 ms from its own process (as a load balancer's health check
// would) until its stdin closes, then prints every latency in ms as one JSON line. The benchmark
// runs it apart from itself: the benchmark process also sends the requests that keep the API
// busy, reads their answers and collects its own heap of several hundred MiB, and its pauses were
// counted as the API's (bench/scale.ts, "/healthz during uncached overviews").
import { Agent, get } from 'node:http';

const base = process.env.PROBE_BASE!;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const latencies: number[] = [];
let running = true;
process.stdin.on('end', () => (running = false));
process.stdin.resume();

const probe = () =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    get(`${base}/healthz`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    }).on('error', reject);
  });

console.log('PROBING');
while (running) {
  latencies.push(await probe());
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify(latencies));
agent.destroy();
