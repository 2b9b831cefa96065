import Sqlite from 'better-sqlite3';
const db = new Sqlite('/tmp/lib-scratch/cluster-hub.sqlite');
const variants: [string, string, string][] = [
  ['col desc', `select rowid, rank from search_fts where search_fts match ? order by rowid desc limit 2000`, `{title body} : ("ele"*)`],
  ['nocol desc', `select rowid, rank from search_fts where search_fts match ? order by rowid desc limit 2000`, `"ele"*`],
  ['nocol asc', `select rowid, rank from search_fts where search_fts match ? limit 2000`, `"ele"*`],
  ['nocol desc norank', `select rowid from search_fts where search_fts match ? order by rowid desc limit 2000`, `"ele"*`],
  ['lithi col', `select rowid, rank from search_fts where search_fts match ? order by rowid desc limit 2000`, `{title body} : ("lithi"*)`],
  ['lithi nocol', `select rowid, rank from search_fts where search_fts match ? order by rowid desc limit 2000`, `"lithi"*`],
  ['lithium', `select rowid, rank from search_fts where search_fts match ? order by rowid desc limit 2000`, `"lithium"`],
];
for (const [name, q, m] of variants) { const st = db.prepare(q); st.all(m); const t = performance.now(); for (let i=0;i<3;i++) st.all(m); console.log(name, ((performance.now()-t)/3).toFixed(1)); }
