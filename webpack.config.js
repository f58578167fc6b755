// Browser bundles. Until the Outlook add-in lands this builds the host-free core as a browser
// library, which also proves src/core needs nothing from Node.
import { resolve } from 'node:path';

export default (_env, argv) => ({
  mode: argv.mode ?? 'production',
  target: ['web', 'es2022'],
  entry: { 'smime-core': './src/core/index.ts' },
  output: {
    path: resolve('dist/web'),
    filename: '[name].js',
    library: { type: 'module' },
    clean: true,
  },
  experiments: { outputModule: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } }],
  },
  performance: { hints: false },
  devtool: 'source-map',
});
