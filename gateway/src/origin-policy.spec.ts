import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-policy.js';

const request = (headers: Record<string, string>) => ({ headers: { host: 'screen.example.gov.cn', ...headers } });

describe('originAllowed', () => {
  it('lets clients without an Origin header through (not a browser: its credentials decide)', () => {
    expect(originAllowed(request({}), [])).toBe(true);
  });

  it("lets a page of the gateway's own host through, over http or https (behind a TLS proxy)", () => {
    expect(originAllowed(request({ origin: 'https://screen.example.gov.cn' }), [])).toBe(true);
    expect(originAllowed(request({ origin: 'http://screen.example.gov.cn' }), [])).toBe(true);
    expect(originAllowed(request({ origin: 'https://screen.example.gov.cn:8443' }), [])).toBe(false);
  });

  it('refuses any other page unless listed exactly', () => {
    expect(originAllowed(request({ origin: 'https://evil.example' }), [])).toBe(false);
    expect(originAllowed(request({ origin: 'https://screen.example.gov.cn.evil.example' }), [])).toBe(false);
    expect(originAllowed(request({ origin: 'null' }), [])).toBe(false);
    expect(originAllowed(request({ origin: 'file://screen.example.gov.cn' }), [])).toBe(false);
    expect(originAllowed(request({ origin: 'http://localhost:5173' }), ['http://localhost:5173'])).toBe(true);
    expect(originAllowed(request({ origin: 'http://localhost:5174' }), ['http://localhost:5173'])).toBe(false);
  });
});
