import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
	raw: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes subjects. */
function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(
			/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
			(_all, _charset: string, kind: string, data: string) =>
				kind.toUpperCase() === 'B'
					? Buffer.from(data, 'base64').toString('utf8')
					: decodeQuoted(data.replace(/_/g, ' '))
		);
}

function decodeQuoted(value: string): string {
	const bytes: number[] = [];
	const text = value.replace(/=\r?\n/g, '');
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3);
		if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

function headerOf(block: string, name: string): string {
	const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
	const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
	return line ? line.slice(name.length + 1).trim() : '';
}

/** One part of a multipart body, decoded by its transfer encoding. */
function partOf(raw: string, type: string): string {
	const parts = raw.split(/\r?\n--[^\r\n]+/);
	const part = parts.find((p) => headerOf(p, 'content-type').toLowerCase().startsWith(type));
	if (!part) return '';
	const [head = '', ...body] = part.split(/\r?\n\r?\n/);
	const content = body.join('\n\n');
	const encoding = headerOf(head, 'content-transfer-encoding').toLowerCase();
	if (encoding === 'base64')
		return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuoted(content);
	return content;
}

/**
 * A real SMTP server on loopback that accepts only `user`/`password` (plain AUTH, no TLS:
 * loopback only) and keeps every mail it receives.
 */
export async function startSmtp(user: string, password: string) {
	const received: ReceivedMail[] = [];
	const refusedLogins: string[] = [];
	const server = new SMTPServer({
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		logger: false,
		onAuth(auth, _session, callback) {
			if (auth.username === user && auth.password === password) return callback(null, { user });
			refusedLogins.push(auth.username ?? '');
			return callback(new Error('Invalid username or password'));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const [head = ''] = raw.split(/\r?\n\r?\n/);
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					subject: decodeWords(headerOf(head, 'subject')),
					text: partOf(raw, 'text/plain'),
					html: partOf(raw, 'text/html'),
					raw
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		port,
		received,
		refusedLogins,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
