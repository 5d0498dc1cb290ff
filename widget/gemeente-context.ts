// The municipality's config (GET /api/gemeenten/:gemeente) reaches every widget element without each
// parent passing it down: an element asks for it with a composed event when it connects, and the
// nearest provider (<vraag-wijzer>, the staff session) answers and keeps it current. Without a
// provider an element keeps the generic words ("de gemeente", no number).
import type { GemeenteView } from '../server/api/contract.js';

export const GEMEENTE_REQUEST = 'vw-gemeente-request';

export interface GemeenteRequest {
  /** Called now and on every change. */
  receive(view: GemeenteView | undefined): void;
  /** Set by the provider that answered: call it on disconnect. */
  leave?: () => void;
}

export class GemeenteProvider {
  view: GemeenteView | undefined;
  private readonly consumers = new Set<GemeenteRequest>();
  private themed: string[] = [];

  constructor(private readonly host: HTMLElement) {
    host.addEventListener(GEMEENTE_REQUEST, (e) => {
      const request = (e as CustomEvent<GemeenteRequest>).detail;
      e.stopPropagation();
      this.consumers.add(request);
      request.leave = () => this.consumers.delete(request);
      request.receive(this.view);
    });
  }

  set(view: GemeenteView | undefined): void {
    this.view = view;
    this.applyTheme(view?.theme ?? {});
    for (const c of this.consumers) c.receive(view);
  }

  /**
   * Theme tokens as the public `--vraagwijzer-*` custom properties on the host, so they reach every
   * shadow root below it. Set through the CSSOM, which a page's Content-Security-Policy allows.
   */
  private applyTheme(theme: Record<string, string>): void {
    for (const name of this.themed) this.host.style.removeProperty(name);
    this.themed = Object.keys(theme).map((token) => `--vraagwijzer-${token}`);
    for (const [token, value] of Object.entries(theme)) this.host.style.setProperty(`--vraagwijzer-${token}`, value);
  }
}

/** Asks the nearest provider for the config; returns what to call on disconnect. */
export function requestGemeente(el: HTMLElement, receive: (view: GemeenteView | undefined) => void): () => void {
  const request: GemeenteRequest = { receive };
  el.dispatchEvent(new CustomEvent(GEMEENTE_REQUEST, { detail: request, bubbles: true, composed: true }));
  return () => request.leave?.();
}
