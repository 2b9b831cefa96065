const rules = new Intl.PluralRules('en');

/**
 * A count with its noun in the right form: counted(1, 'post') is "1 post", counted(3, 'person', 'people') is
 * "3 people". Intl.PluralRules decides, so a count is never written out as "1 posts" or "(s)".
 */
export function counted(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en')} ${rules.select(n) === 'one' ? one : other}`;
}
