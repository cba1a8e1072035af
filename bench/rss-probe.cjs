// Preloaded into a benchmarked process (node -r): samples its resident memory once a second and, at
// exit, writes the samples and the peak (getrusage maxRSS) to the file named by PLANGEN_BENCH_RSS.
const { writeFileSync } = require('node:fs');
const out = process.env.PLANGEN_BENCH_RSS;
if (out) {
  const started = Date.now();
  const samples = [];
  const timer = setInterval(() => samples.push([Date.now() - started, process.memoryUsage.rss()]), 1000);
  timer.unref();
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, samples }));
  });
}
