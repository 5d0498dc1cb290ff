import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The container files were built and run with podman in the sandbox (README, "Deployment"); a build
// takes ten minutes, so these checks pin, as text, what that run found.
const compose = readFileSync('compose.yaml', 'utf8');
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('compose.yaml', () => {
  it('has no ${X:-} with an empty default, which podman-compose 1.0 passes on as literal text', () => {
    // Both app nodes refused to start on TRUST_PROXY="${TRUST_PROXY:-}".
    const settings = compose.replace(/^\s*#.*$/gm, '');
    expect(settings.match(/\$\{\w+:?-\}/g) ?? []).toEqual([]);
  });

  it('passes the optional proxy, origin and metrics settings through by name', () => {
    for (const name of ['TRUST_PROXY', 'PUBLIC_ORIGIN', 'METRICS_TOKEN']) expect(compose).toMatch(new RegExp(`^ {4}${name}:$`, 'm'));
  });

  it('keeps the official images as defaults of the image variables', () => {
    expect(compose).toContain('NODE_IMAGE: ${NODE_IMAGE:-node:20-bookworm}');
    expect(compose).toContain('NODE_SLIM_IMAGE: ${NODE_SLIM_IMAGE:-node:20-bookworm-slim}');
    expect(compose).toContain('image: ${POSTGRES_IMAGE:-postgres:15-bookworm}');
  });
});

describe('Dockerfile', () => {
  it('takes every base image from a build argument that defaults to the official image', () => {
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:20-bookworm\n');
    expect(dockerfile).toContain('ARG NODE_SLIM_IMAGE=node:20-bookworm-slim\n');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_SLIM_IMAGE}']);
  });

  it('runs as the unprivileged node user with a healthcheck on /readyz', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\n[^\n]*\/readyz/m);
  });
});
