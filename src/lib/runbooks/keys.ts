/** A step key made from its title ("Reinstall Debian on {server}" → "reinstall-debian-on-server"). */
export function keyFromTitle(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 56);
	return slug || 'step';
}

/** The first of `base`, `base-2`, `base-3`… not yet taken. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
	let key = base;
	for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
	return key;
}
