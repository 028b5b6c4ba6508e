const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n loads node and credential icons from beside the built files.
function copyIcons(folder) {
	return new Promise((resolve, reject) => {
		src(`${folder}/**/*.{png,svg}`, { encoding: false, allowEmpty: true })
			.pipe(dest(`dist/${folder}`))
			.on('finish', resolve)
			.on('error', reject);
	});
}

task('build:icons', () => Promise.all([copyIcons('nodes'), copyIcons('credentials')]));
