// "1,000,000" for descriptions. Number#toLocaleString would load ICU's locale data on its first
// call, some 30 ms of a cold `stackaudit cost`; the output never depends on the user's locale.
export function thousands(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
