/**
 * Everything a value says, as one text: every string, number, key and class name reachable
 * from it, through own property names (non-enumerable ones too, such as an Error's message,
 * stack and cause), symbol keys, accessors, Map and Set entries, and Buffers and typed arrays
 * (decoded as UTF-8). Each object is visited once, so cycles end. Functions are named, not
 * entered. A secret absent from this text is absent from whatever the value could be turned into.
 */
export function everythingSaid(value: unknown): string {
	const said: string[] = [];
	walk(value, (text) => said.push(text));
	return said.join('\n');
}

/** The paths (e.g. `$.error.cause.config.headers.Authorization`) at which `secret` is said. */
export function whereSaid(value: unknown, secret: string): string[] {
	const paths: string[] = [];
	walk(value, (text, path) => {
		if (text.includes(secret)) paths.push(path);
	});
	return paths;
}

type Say = (text: string, path: string) => void;

function walk(value: unknown, say: Say): void {
	const seen = new WeakSet<object>();

	const visit = (current: unknown, path: string): void => {
		if (current === null || current === undefined) return;
		switch (typeof current) {
			case 'string':
				say(current, path);
				return;
			case 'number':
			case 'bigint':
			case 'boolean':
				say(String(current), path);
				return;
			case 'symbol':
				say(current.toString(), path);
				return;
			case 'function':
				say(`[function ${current.name}]`, path);
				return;
		}
		const object = current as object;
		if (seen.has(object)) return;
		seen.add(object);

		say(`[${object.constructor?.name ?? 'Object'}]`, path);
		if (ArrayBuffer.isView(object)) {
			say(Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('utf8'), path);
			return;
		}
		if (object instanceof ArrayBuffer) {
			say(Buffer.from(object).toString('utf8'), path);
			return;
		}
		if (object instanceof Date) say(Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString(), path);
		if (object instanceof RegExp) say(object.toString(), path);
		if (object instanceof Map) {
			let index = 0;
			for (const [key, entry] of object) {
				visit(key, `${path}.<map key ${index}>`);
				visit(entry, `${path}.<map value ${index++}>`);
			}
		}
		if (object instanceof Set) {
			let index = 0;
			for (const entry of object) visit(entry, `${path}.<set entry ${index++}>`);
		}
		if (object instanceof Error) {
			// Own or inherited: a subclass may define these as accessors on its prototype.
			for (const key of ['message', 'stack', 'cause']) visit(readSafely(object, key), `${path}.${key}`);
		}

		for (const key of Reflect.ownKeys(object)) {
			const name = String(key);
			say(name, `${path}.<key ${name}>`);
			visit(readSafely(object, key), `${path}.${name}`);
		}
	};

	visit(value, '$');
}

function readSafely(object: object, key: PropertyKey): unknown {
	try {
		return Reflect.get(object, key);
	} catch (error) {
		return error;
	}
}
