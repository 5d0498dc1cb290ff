// For the demo pages only (server/static/*.html): ?tree=, ?lang= and ?dir= pick another tree,
// language or writing direction without editing the page. A separate file because the pages'
// Content-Security-Policy allows no inline scripts. Municipal pages never load this.
const q = new URLSearchParams(location.search);
for (const el of document.querySelectorAll('vraag-wijzer')) {
  const tree = q.get('tree');
  const lang = q.get('lang');
  if (tree && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(tree)) el.setAttribute('tree', tree);
  if (lang && /^[a-z]{2}$/.test(lang)) el.setAttribute('lang', lang);
}
const dir = q.get('dir');
if (dir === 'rtl' || dir === 'ltr') document.documentElement.dir = dir;
