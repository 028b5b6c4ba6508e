import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const { configs: n8nConfigs } = n8nNodesBase;
const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

// Lint what ships (nodes, credentials) and the package manifest, with the rules n8n's
// verification applies to community packages. Tests, the sandbox and scripts are
// type-checked (`npm run typecheck`) but are not part of the package.
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
		plugins: { ...communityRecommended.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: communityRecommended.rules,
	},
	{ files: ['package.json'], rules: n8nConfigs.community.rules },
	// As in n8n's own node CLI config: these three older rules contradict current n8n
	// (documentation URLs are full URLs; `NodeConnectionTypes.Main` replaces the 'main' literal,
	// which the community rule node-connection-type-literal now requires).
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nConfigs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nConfigs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
