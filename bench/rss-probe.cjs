// Preloaded into a benchmarked process (node -r): samples its resident memory once a second and, at
// exit, writes the samples, the peak (getrusage maxRSS) and the CPU time of all its threads (user +
// system: what the run cost, less disturbed than wall time by what else the machine runs) to the file
// named by PLANGEN_BENCH_RSS.
const { writeFileSync } = require('node:fs');
const out = process.env.PLANGEN_BENCH_RSS;
if (out) {
  const started = Date.now();
  const samples = [];
  const timer = setInterval(() => samples.push([Date.now() - started, process.memoryUsage.rss()]), 1000);
  timer.unref();
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(
      out,
      JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuMs: (user + system) / 1000, samples }),
    );
  });
}
