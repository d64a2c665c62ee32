/**
 * Part of `npm run check`: every message exists in both languages with the same parameters, and
 * every message is used by the code. A key only one catalogue has would show the other language's
 * readers a fallback; a key nobody uses is a translation nobody will keep up to date.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const LOCALES = ['en', 'fr'] as const;
const SOURCES = ['src', 'server.js'];
const SKIPPED = new Set(['src/lib/paraglide']);

type Catalogue = Map<string, string>;

async function readCatalogue(locale: string): Promise<Catalogue> {
	const parsed: unknown = JSON.parse(await readFile(`messages/${locale}.json`, 'utf8'));
	if (typeof parsed !== 'object' || parsed === null) throw new Error(`messages/${locale}.json`);
	const entries = Object.entries(parsed).filter(([key]) => key !== '$schema');
	return new Map(entries.map(([key, value]) => [key, JSON.stringify(value)]));
}

/** `{name}` placeholders and `input name` declarations: what a caller must pass. */
function parametersOf(serialized: string): string {
	const names = new Set<string>();
	for (const match of serialized.matchAll(/\{(\w+)\}|input (\w+)/g))
		names.add(match[1] ?? match[2] ?? '');
	return [...names].sort().join(', ');
}

async function readSources(entry: string): Promise<string[]> {
	if (SKIPPED.has(entry)) return [];
	const stat = await readdir(entry, { withFileTypes: true }).catch(() => null);
	if (!stat) return [await readFile(entry, 'utf8')];
	const nested = await Promise.all(stat.map((d) => readSources(path.join(entry, d.name))));
	return nested.flat();
}

const [english, french] = await Promise.all(LOCALES.map(readCatalogue));
if (!english || !french) throw new Error('Both catalogues are needed');
const problems: string[] = [];
for (const [key, value] of english) {
	const translated = french.get(key);
	if (translated === undefined) problems.push(`${key}: missing in messages/fr.json`);
	else if (parametersOf(value) !== parametersOf(translated))
		problems.push(
			`${key}: parameters differ (en: ${parametersOf(value)}; fr: ${parametersOf(translated)})`
		);
}
for (const key of french.keys()) {
	if (!english.has(key)) problems.push(`${key}: missing in messages/en.json`);
}
const code = (await Promise.all(SOURCES.map(readSources))).flat().join('\n');
const used = new Set(code.match(/\bm\.\w+/g)?.map((call) => call.slice(2)));
for (const key of english.keys()) {
	if (!used.has(key)) problems.push(`${key}: never used (no m.${key} in the code)`);
}
if (problems.length > 0) {
	console.error(`Message catalogues: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
console.log(`Message catalogues: ${english.size} messages, both languages, all used.`);
