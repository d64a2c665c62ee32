import MarkdownIt from 'markdown-it';

/**
 * Step instructions are Markdown written by template editors and shown to everyone in the
 * room. Raw HTML is disabled (it is escaped, never interpreted) and markdown-it refuses
 * javascript:, vbscript: and data: links except images, so the output is safe for {@html}.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Links open outside the room, which must stay open during an incident.
const defaultLinkOpen =
	renderer.renderer.rules.link_open ??
	((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
	const token = tokens[idx];
	if (token) {
		token.attrSet('target', '_blank');
		token.attrSet('rel', 'noopener noreferrer nofollow');
	}
	return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
	return renderer.render(source);
}
