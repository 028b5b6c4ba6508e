// Preloaded into the n8n process by `npm run bench:n8n` (NODE_OPTIONS=--require): samples the
// process's CPU time every 50 ms and, at exit, writes the samples and its peak RSS to
// $BENCH_CPU_TIMELINE_DIR/<pid>.json, so the bench can tell the CPU time of the sending node's run
// (from n8n's own start and end times of the node) from n8n's start-up. Does nothing without that
// variable. n8n's task runners inherit it too: each process writes its own file, with its argv.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_CPU_TIMELINE_DIR;
if (dir) {
	const samples = [];
	const sample = () => {
		const { user, system } = process.cpuUsage();
		samples.push([Date.now(), (user + system) / 1000]);
	};
	sample();
	setInterval(sample, 50).unref();
	process.on('exit', () => {
		sample();
		const report = { argv: process.argv, samples, peakRssMb: process.resourceUsage().maxRSS / 1024 };
		writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(report));
	});
}
