import type { GemeenteConfig } from '../../engine/index.js';
import { DEFAULT_QUICK_EXIT } from '../../engine/schema/quick-exit.js';
import type { GemeenteView } from '../api/contract.js';

const views = new WeakMap<GemeenteConfig, GemeenteView>();

/** Built once per verified config, i.e. once per bundle. */
export function gemeenteView(config: GemeenteConfig): GemeenteView {
  let view = views.get(config);
  if (!view) {
    view = {
      gemeente: config.gemeente,
      name: config.name,
      kcc: { name: config.kcc.name, phone: config.kcc.phone, tel: config.kcc.tel },
      helpBar: config.helpBar.map((e) => ({ text: e.text, tel: e.tel })),
      theme: config.theme ?? {},
      labels: { layers: config.labels?.layers ?? {}, kinds: config.labels?.kinds ?? {} },
      quickExit: config.quickExit?.url ?? DEFAULT_QUICK_EXIT,
    };
    views.set(config, view);
  }
  return view;
}
