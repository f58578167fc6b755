// Browser bundles of the Outlook add-in: task pane, function file (commands), the
// self-contained JavaScript-only launch-event runtime, the playground, and (production) the
// host-free core as a library. `npm start` serves the result (scripts/start.mjs).
//
// Environment:
//   SMIME_ADDIN_ORIGIN   production origin, e.g. https://smime.example.com (rewrites the
//                        manifests' https://localhost:3000 and drops the playground)
//   SMIME_ANCHORS_PEM    PEM bundle of deployment trust anchors, served as /anchors.pem
//   SMIME_CLIENT_ID      Entra app id for nested app authentication (Graph sendMail)
//   SMIME_DEFAULT_POLICY policy OnNewMessageCompose applies: sign | sign,encrypt | none

import { resolve } from 'node:path';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { cspMeta, securityHeaders } from './scripts/dev-server/csp.mjs';
import { createMailbox, graphMiddleware } from './scripts/dev-server/graph-mock.mjs';
import { devCertificates } from './scripts/dev-server/certs.mjs';
import { ensureSamples } from './scripts/dev-server/samples.mjs';

export const DEV_ORIGIN = 'https://localhost:3000';

const tsRule = {
  test: /\.tsx?$/,
  loader: 'ts-loader',
  exclude: /node_modules/,
  options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
};

function page({ title, body = '<div id="root"></div>', scripts, styles = [], officeLoader = true }) {
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${cspMeta()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    ...styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    // First and parser-blocking: installs the playground emulation or loads office.js from the CDN.
    ...(officeLoader ? ['<script src="office-loader.js"></script>'] : []),
  ];
  return `<!doctype html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${body}\n${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}\n</body>\n</html>\n`;
}

function html(filename, options) {
  return new HtmlWebpackPlugin({ filename, inject: false, minify: false, templateContent: () => page(options) });
}

export default async (env = {}, argv = {}) => {
  const mode = argv.mode ?? 'production';
  const origin = (process.env.SMIME_ADDIN_ORIGIN ?? '').replace(/\/$/, '');
  const production = origin !== '';
  const playground = !production;
  const outDir = resolve(env.outDir ?? 'dist/web');
  const samples = playground ? await ensureSamples(resolve(env.samplesDir ?? '.tmp/playground')) : undefined;
  const rewrite = (content) => (production ? content.toString().replaceAll(DEV_ORIGIN, origin) : content);

  const copies = [
    { from: 'manifest.xml', transform: rewrite },
    { from: 'manifest.json', transform: rewrite },
    { from: 'assets', to: 'assets', globOptions: { ignore: ['**/*.mjs'] } },
  ];
  if (samples) copies.push({ from: resolve(samples, 'public'), to: '.' }, { from: 'src/playground/playground.css', to: 'playground.css' });
  else if (process.env.SMIME_ANCHORS_PEM) copies.push({ from: resolve(process.env.SMIME_ANCHORS_PEM), to: 'anchors.pem' });

  const addin = {
    name: 'addin',
    mode,
    target: ['web', 'es2020'],
    entry: {
      'office-loader': './src/outlook/office-loader.ts',
      taskpane: './src/outlook/taskpane-entry.ts',
      commands: './src/outlook/commands-entry.ts',
      launchevent: './src/outlook/launchevent-entry.ts',
      ...(playground ? { playground: './src/playground/playground-entry.ts' } : {}),
    },
    output: { path: outDir, filename: '[name].js', chunkFilename: 'chunks/[name].[contenthash:8].js', publicPath: 'auto', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [tsRule] },
    plugins: [
      new webpack.DefinePlugin({
        __SMIME_BUILD__: JSON.stringify({
          defaultPolicy: process.env.SMIME_DEFAULT_POLICY ?? 'sign',
          clientId: process.env.SMIME_CLIENT_ID ?? '',
          graphBase: 'https://graph.microsoft.com/v1.0',
          playground,
        }),
      }),
      html('taskpane.html', { title: 'S/MIME', scripts: ['taskpane.js'] }),
      html('index.html', {
        title: 'S/MIME add-in',
        body: '<main><h1>S/MIME add-in for Outlook</h1><p>Open Outlook and use the S/MIME group on the ribbon. Your keys stay on your device.</p></main>',
        scripts: [],
        officeLoader: false,
      }),
      html('commands.html', { title: 'S/MIME commands', body: '', scripts: ['commands.js'] }),
      ...(playground
        ? [html('playground.html', { title: 'S/MIME add-in playground', body: '<div id="playground"></div>', scripts: ['playground.js'], styles: ['playground.css'], officeLoader: false })]
        : []),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    performance: { hints: false },
    devtool: mode === 'production' ? 'source-map' : 'cheap-module-source-map',
    devServer: {
      port: 3000,
      host: 'localhost',
      hot: false,
      liveReload: false,
      headers: securityHeaders({ production: false }),
      server: env.WEBPACK_SERVE ? { type: 'https', options: await devCertificates() } : 'http',
      setupMiddlewares: (middlewares, devServer) => {
        const mailbox = createMailbox(resolve('.tmp/mailbox'), samples && resolve(samples, 'mailbox'));
        devServer.app.use(graphMiddleware(mailbox));
        return middlewares;
      },
    },
  };

  // The host-free engine as an ES module library, as before (cheap: production builds only).
  const core = {
    name: 'core',
    mode,
    target: ['web', 'es2022'],
    entry: { 'smime-core': './src/core/index.ts' },
    output: { path: resolve(outDir, 'lib'), filename: '[name].js', library: { type: 'module' } },
    experiments: { outputModule: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [tsRule] },
    performance: { hints: false },
    devtool: 'source-map',
  };
  return mode === 'production' && !env.noCore ? [addin, core] : addin;
};

