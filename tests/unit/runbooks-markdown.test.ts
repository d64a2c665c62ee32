import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/runbooks/markdown';

describe('step instructions in Markdown', () => {
	it('renders Markdown', () => {
		expect(renderMarkdown('**Reboot** `web03`')).toContain(
			'<strong>Reboot</strong> <code>web03</code>'
		);
	});

	it('escapes raw HTML and refuses javascript: links', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
		);
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).not.toContain('href="javascript:');
		expect(html).toContain('&lt;script&gt;');
	});

	it('opens links outside the room', () => {
		expect(renderMarkdown('[runbook](https://wiki.example/rebuild)')).toContain(
			'<a href="https://wiki.example/rebuild" target="_blank" rel="noopener noreferrer nofollow">'
		);
	});
});
