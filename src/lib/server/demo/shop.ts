/** Petit Nuage's shop: seven physical servers at Rempart, and the two services that matter. */
export function shopInventory() {
	const server = (hostname: string, role: string, extra: Record<string, unknown> = {}) => ({
		hostname,
		kind: 'server',
		role,
		environment: 'production',
		location: 'Rempart PAR2, rack B14',
		provider: 'Rempart Hosting',
		os: 'Debian 12',
		tags: ['shop-cluster'],
		status: 'down',
		...extra
	});
	const webs = ['web01', 'web02', 'web03', 'web04'];
	return [
		server('db01', 'database (MariaDB)', { criticality: 'payment', addresses: ['10.20.0.21'] }),
		server('idx01', 'search indexer (Elasticsearch)', {
			criticality: 'catalogue',
			addresses: ['10.20.0.31'],
			depends_on: ['db01']
		}),
		...webs.map((h, i) =>
			server(h, 'front end (Magento)', {
				criticality: 'catalogue',
				addresses: [`10.20.0.1${i + 1}`],
				depends_on: ['db01', 'idx01']
			})
		),
		server('lb01', 'load balancer (HAProxy)', {
			criticality: 'payment',
			addresses: ['10.20.0.2', '185.42.17.10'],
			depends_on: webs
		}),
		{
			hostname: 'catalogue',
			kind: 'service',
			role: 'shop catalogue',
			environment: 'production',
			provider: 'Petit Nuage',
			criticality: 'catalogue',
			tags: ['shop'],
			status: 'down',
			depends_on: ['lb01']
		},
		{
			hostname: 'payment-pages',
			kind: 'service',
			role: 'checkout and payment pages',
			environment: 'production',
			provider: 'Petit Nuage',
			criticality: 'payment',
			tags: ['shop'],
			status: 'down',
			depends_on: ['lb01']
		}
	];
}

export function shopContacts(rempart: string) {
	const at = (extra: Record<string, unknown>) => ({
		providerName: 'Rempart Hosting',
		providerOrganizationId: rempart,
		...extra
	});
	return [
		at({
			name: 'Rempart NOC',
			function: 'Network operations centre',
			phones: '+33 1 84 60 24 00',
			email: 'noc@rempart.example',
			hours: '24/7',
			escalationLevel: 1,
			contractRef: 'RH-2024-117 · P1 response 15 min'
		}),
		at({
			name: 'Marc Lefèvre',
			function: 'On-call engineer',
			phones: '+33 6 12 45 78 90',
			email: 'marc@rempart.example',
			hours: 'on call tonight',
			escalationLevel: 1
		}),
		at({
			name: 'Sophie Girard',
			function: 'Account manager',
			phones: '+33 6 71 22 33 44',
			email: 'sophie@rempart.example',
			hours: 'Mon–Fri 9–19',
			escalationLevel: 2
		}),
		at({
			name: 'Nadia Benali',
			function: 'Technical director',
			phones: '+33 6 98 76 54 32',
			email: 'nadia@rempart.example',
			hours: 'escalation only',
			escalationLevel: 3
		}),
		{
			providerName: 'Monetis Payments',
			name: 'Merchant support desk',
			function: 'Payment provider support',
			phones: '+33 1 70 38 00 00',
			email: 'support@monetis.example',
			hours: '24/7',
			escalationLevel: 1,
			contractRef: 'MID 004512'
		},
		{
			providerName: 'NomDNS',
			name: 'DNS support',
			function: 'DNS provider',
			phones: '+33 9 72 10 10 10',
			email: 'support@nomdns.example',
			hours: '8–22 every day',
			escalationLevel: 1
		}
	];
}
