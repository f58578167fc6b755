// The Thunderbird MailExtension (src/thunderbird): background page, message display and
// compose popups, options page. `npm run build:thunderbird` packs the output into an .xpi.
import { resolve } from 'node:path';
import CopyPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';

const src = resolve('src/thunderbird');
const page = (name, title, extra = {}) =>
  new HtmlWebpackPlugin({ filename: `${name}.html`, chunks: [name], template: resolve(src, 'pages/page.html'), title, inject: 'body', ...extra });

export default (_env, argv) => ({
  mode: argv?.mode ?? 'production',
  target: ['web', 'es2022'],
  entry: {
    background: resolve(src, 'entries/background.ts'),
    display: resolve(src, 'entries/display-popup.ts'),
    compose: resolve(src, 'entries/compose-popup.ts'),
    options: resolve(src, 'entries/options.ts'),
  },
  output: { path: resolve('dist/thunderbird/ext'), filename: '[name].js', clean: true },
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
  module: {
    rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } }],
  },
  plugins: [
    new CopyPlugin({ patterns: [{ from: resolve(src, 'manifest.json') }, { from: resolve(src, 'icons'), to: 'icons' }] }),
    page('display', 'S/MIME'),
    page('compose', 'S/MIME recipients'),
    page('options', 'S/MIME options', { csr: true }),
  ],
  // The three pages share React, the UI and the core; the background keeps its own single file.
  optimization: { splitChunks: { chunks: (chunk) => chunk.name !== 'background', name: 'pages-shared' } },
  // No eval-based source maps: extension pages forbid eval (CSP script-src 'self').
  devtool: false,
  performance: { hints: false },
});
